namespace Coursera.Identity.Model;

/// <summary>The roles of the security model of docs/architecture.md and the tenant kind each is held in.</summary>
public static class TenantRoles
{
    public const string PlatformAdmin = "platform_admin";
    public const string PartnerAdmin = "partner_admin";
    public const string Instructor = "instructor";
    public const string OrganizationAdmin = "org_admin";
    public const string Learner = "learner";

    private static readonly Dictionary<string, TenantKind> Kinds = new(StringComparer.Ordinal)
    {
        [PlatformAdmin] = TenantKind.Platform,
        [PartnerAdmin] = TenantKind.Partner,
        [Instructor] = TenantKind.Partner,
        [OrganizationAdmin] = TenantKind.Organization,
        [Learner] = TenantKind.Organization,
    };

    public static IReadOnlyCollection<string> All => Kinds.Keys;

    /// <summary>Whether <paramref name="role"/> exists and may be held in a tenant of <paramref name="kind"/>.</summary>
    public static bool FitsTenant(string role, TenantKind kind) => Kinds.TryGetValue(role, out var expected) && expected == kind;

    /// <summary>The role that administers a tenant of this kind.</summary>
    public static string AdministratorOf(TenantKind kind) => kind switch
    {
        TenantKind.Platform => PlatformAdmin,
        TenantKind.Partner => PartnerAdmin,
        _ => OrganizationAdmin,
    };
}
