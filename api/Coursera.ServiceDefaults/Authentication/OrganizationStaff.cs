namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// Who acts for an organization: its administrators, its API clients holding the scope the action needs, and platform
/// administrators. Each service names the scope (managing programs, reading reports); the rule is the same.
/// </summary>
public static class OrganizationStaff
{
    public const string AdministratorRole = "org_admin";

    public static bool Includes(Caller caller, Guid organizationId, string clientScope)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsPlatformAdmin || caller.HasRole(organizationId, AdministratorRole) || caller.IsClientOf(organizationId, clientScope);
    }
}
