using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;

namespace Coursera.Learner.Programs;

/// <summary>Who manages an organization's programs: its administrators, its API clients with <c>enrollments:write</c>, platform administrators.</summary>
public static class ProgramAccess
{
    public const string Scope = "enrollments:write";

    public static bool CanManage(Caller caller, Guid organizationId)
    {
        return OrganizationStaff.Includes(caller, organizationId, Scope);
    }

    public static void Ensure(Caller caller, Guid organizationId) =>
        EnsureStaff(caller, organizationId, Scope, "Sign in to manage programs.", "Only the organization's administrators and API clients manage its programs.");

    /// <summary>
    /// Refuses (UNAUTHENTICATED, FORBIDDEN) all but the organization's staff: its administrators, its API clients with
    /// <paramref name="clientScope"/>, platform administrators.
    /// </summary>
    public static void EnsureStaff(Caller caller, Guid organizationId, string clientScope, string signIn, string forbidden)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated(signIn);
        }

        if (!OrganizationStaff.Includes(caller, organizationId, clientScope))
        {
            throw GraphQLErrors.Forbidden(forbidden);
        }
    }
}
