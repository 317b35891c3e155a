using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;

namespace Coursera.Media.Assets;

/// <summary>
/// Who may upload a partner's videos and see its assets: whoever may change its courses in the catalog (its
/// administrators and instructors, its API clients, platform administrators, with <c>catalog:write</c>).
/// </summary>
public static class AssetAccess
{
    public static bool CanManage(Caller caller, Guid partnerId) => CatalogWriters.Includes(caller, partnerId);

    public static void Ensure(Caller caller, Guid partnerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Managing videos needs an access token: sign in, or use an API client's token.");
        }

        if (!CanManage(caller, partnerId))
        {
            throw GraphQLErrors.Forbidden("Only the partner's staff and API clients with catalog:write, and platform administrators, may manage its videos.");
        }
    }
}
