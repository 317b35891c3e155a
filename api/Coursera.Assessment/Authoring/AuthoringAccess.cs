using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;

namespace Coursera.Assessment.Authoring;

/// <summary>
/// Who may author a course's assessments and see their answer keys: whoever may change the course in the catalog
/// (its partner's administrators and instructors, its API clients, platform administrators, with <c>catalog:write</c>).
/// </summary>
public static class AuthoringAccess
{
    public const string WriteScope = "catalog:write";

    public static bool CanAuthor(Caller caller, Guid partnerId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.HasScope(WriteScope) && (caller.IsPlatformAdmin || caller.HasRole(partnerId, "partner_admin")
            || caller.HasRole(partnerId, "instructor") || caller.IsClientOf(partnerId, WriteScope));
    }

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
