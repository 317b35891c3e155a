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

    public static void Ensure(Caller caller, Guid organizationId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Sign in to manage programs.");
        }

        if (!CanManage(caller, organizationId))
        {
            throw GraphQLErrors.Forbidden("Only the organization's administrators and API clients manage its programs.");
        }
    }
}
