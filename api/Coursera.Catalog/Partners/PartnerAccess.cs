using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;

namespace Coursera.Catalog.Partners;

/// <summary>
/// Who may change a partner's part of the catalog, and see its drafts: its administrators and instructors, its API
/// clients, and platform administrators, each with a token holding <c>catalog:write</c> (<c>catalog:read</c> is
/// enough to see drafts). The scope matters for users too: a partner administrator who lets some other application
/// read their profile has not let it change their courses. The token was validated already; this decides.
/// </summary>
public sealed class PartnerAccess
{
    public const string WriteScope = CatalogWriters.Scope;
    public const string ReadScope = "catalog:read";

    /// <summary>An anonymous caller is told to authenticate before anything is looked up.</summary>
    public void EnsureSignedIn(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Changing the catalog needs an access token: sign in, or use an API client's token.");
        }
    }

    public void Ensure(Caller caller, Guid partnerId)
    {
        EnsureSignedIn(caller);
        if (!CanWrite(caller, partnerId))
        {
            throw GraphQLErrors.Forbidden(
                "Only the partner's administrators and instructors, its API clients with catalog:write, and platform administrators may change its courses.");
        }
    }

    public static bool CanWrite(Caller caller, Guid partnerId) => CatalogWriters.Includes(caller, partnerId);

    /// <summary>Drafts and archived courses are visible to whoever may change them, and to the partner's clients that read the catalog.</summary>
    public static bool CanSeeUnpublished(Caller caller, Guid partnerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (caller.HasScope(ReadScope) || caller.HasScope(WriteScope))
            && (caller.IsPlatformAdmin || CatalogWriters.IsStaff(caller, partnerId) || caller.BelongsTo(partnerId) && caller.IsApiClient);
    }
}
