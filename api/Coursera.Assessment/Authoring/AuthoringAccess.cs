using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;

namespace Coursera.Assessment.Authoring;

/// <summary>
/// Who may author a course's assessments and see their answer keys: whoever may change the course in the catalog
/// (its partner's administrators and instructors, its API clients, platform administrators, with <c>catalog:write</c>).
/// </summary>
public static class AuthoringAccess
{
    public static bool CanAuthor(Caller caller, Guid partnerId) => CatalogWriters.Includes(caller, partnerId);

    public static void EnsureSignedIn(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Authoring assessments needs an access token: sign in, or use an API client's token.");
        }
    }

    public static void Ensure(Caller caller, Guid partnerId)
    {
        EnsureSignedIn(caller);
        if (!CanAuthor(caller, partnerId))
        {
            throw GraphQLErrors.Forbidden("Only the course's partner staff and API clients with catalog:write, and platform administrators, may author its assessments.");
        }
    }
}
