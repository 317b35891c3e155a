using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;

namespace Coursera.Assessment.Gradebook;

/// <summary>
/// Who reads the grades of an organization's program members: its administrators, its API clients with
/// <c>reports:read</c>, platform administrators. Nobody else, and never another organization's members.
/// </summary>
public static class GradeReaders
{
    public const string Scope = "reports:read";

    public static void Ensure(Caller caller, Guid organizationId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Sign in to read your organization's grades.");
        }

        if (!OrganizationStaff.Includes(caller, organizationId, Scope))
        {
            throw GraphQLErrors.Forbidden("Only the organization's administrators and its API clients with reports:read read its members' grades.");
        }
    }
}
