namespace Coursera.Platform.Tests.Security;

/// <summary>Whom a field is for: the vocabulary of the authorization matrix, one value per rule the services apply.</summary>
public enum Audience
{
    /// <summary>Anyone, signed in or not (the public catalog, certificate checks).</summary>
    Public,

    /// <summary>Any signed-in person acting for themselves (their enrollments, attempts, orders); never an API client.</summary>
    SignedInUser,

    /// <summary>The partner's administrators and instructors, its API clients, platform administrators (CatalogWriters): with the scope.</summary>
    PartnerStaff,

    /// <summary>The partner's administrators (not its instructors), its API clients with the scope if one is named, platform administrators.</summary>
    PartnerAdmin,

    /// <summary>The organization's administrators, its API clients with the scope, platform administrators (OrganizationStaff).</summary>
    OrganizationStaff,

    /// <summary>The tenant's administrators and platform administrators, through a first-party app; never an API client (AdministrationAccess).</summary>
    TenantAdmin,

    /// <summary>Platform administrators only.</summary>
    PlatformAdmin,

    /// <summary>API clients holding the scope (grading workers); no person.</summary>
    ApiClient,
}

/// <summary>The tenant a field is about: whose staff and API clients are the "tenant" columns of the matrix.</summary>
public enum Home
{
    Partner,
    Organization,
}

/// <summary>
/// One field's access rule. <paramref name="Scope"/> is the OAuth scope the rule needs: of API clients always, and of users'
/// tokens too for <see cref="Audience.SignedInUser"/>, <see cref="Audience.PartnerStaff"/> and <see cref="Audience.ApiClient"/>.
/// <paramref name="AnonymousSeesNull"/>: the field answers null rather than UNAUTHENTICATED to anonymous callers (a lookup
/// that says nothing about whether the id exists).
/// </summary>
public sealed record AccessRule(Audience Audience, Home Home = Home.Partner, string? Scope = null, bool AnonymousSeesNull = false)
{
    public static AccessRule Public { get; } = new(Audience.Public);

    public static AccessRule SignedIn(string? scope = null) => new(Audience.SignedInUser, Scope: scope);

    public static AccessRule PartnerStaff(string scope) => new(Audience.PartnerStaff, Home.Partner, scope);

    public static AccessRule PartnerAdmin(string? clientScope = null) => new(Audience.PartnerAdmin, Home.Partner, clientScope);

    public static AccessRule OrganizationStaff(string scope) => new(Audience.OrganizationStaff, Home.Organization, scope);

    public static AccessRule TenantAdmin { get; } = new(Audience.TenantAdmin, Home.Organization);

    public static AccessRule PlatformAdmins { get; } = new(Audience.PlatformAdmin);

    public static AccessRule ApiClients(string scope) => new(Audience.ApiClient, Home.Partner, scope);

    /// <summary>Callers outside the rule, and anonymous ones too, get null (or an empty list): nothing tells them the id exists.</summary>
    public AccessRule OrNull() => this with { AnonymousSeesNull = true };

    /// <summary>Whether the rule lets <paramref name="caller"/> through (a NOT_FOUND or a validation error may still follow).</summary>
    public bool Admits(MatrixCaller caller) => Audience switch
    {
        Audience.Public => true,
        Audience.SignedInUser => caller is MatrixCaller.Learner or MatrixCaller.OtherTenantStaff or MatrixCaller.TenantStaff or MatrixCaller.PlatformAdmin
            || caller is MatrixCaller.LearnerWithoutScope && Scope is null,
        Audience.PartnerStaff or Audience.OrganizationStaff or Audience.PartnerAdmin =>
            caller is MatrixCaller.TenantStaff or MatrixCaller.PlatformAdmin || caller is MatrixCaller.ApiClientWithScope && (Scope is not null || Audience != Audience.PartnerAdmin),
        Audience.TenantAdmin => caller is MatrixCaller.TenantStaff or MatrixCaller.PlatformAdmin,
        Audience.PlatformAdmin => caller is MatrixCaller.PlatformAdmin,
        Audience.ApiClient => caller is MatrixCaller.ApiClientWithScope,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    public override string ToString() => Audience switch
    {
        Audience.Public => "Public",
        Audience.TenantAdmin or Audience.PlatformAdmin => $"{Audience}{(AnonymousSeesNull ? ", null for others" : "")}",
        _ => $"{Audience}({Scope ?? "no scope"}){(AnonymousSeesNull ? ", null for others" : "")}",
    };
}
