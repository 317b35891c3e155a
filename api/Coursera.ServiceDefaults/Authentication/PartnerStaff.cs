namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// Who acts for a partner (a university or company that teaches): its administrators, its API clients holding the
/// scope the action needs, and platform administrators. The partner's side of <see cref="OrganizationStaff"/>.
/// </summary>
public static class PartnerStaff
{
    public const string AdministratorRole = "partner_admin";

    public static bool Includes(Caller caller, Guid partnerId, string clientScope)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsPlatformAdmin || caller.HasRole(partnerId, AdministratorRole) || caller.IsClientOf(partnerId, clientScope);
    }
}
