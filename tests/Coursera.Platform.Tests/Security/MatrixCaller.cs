namespace Coursera.Platform.Tests.Security;

/// <summary>
/// The callers every field of the public schema is tried as. "Tenant" is the tenant the field's rule is about
/// (<see cref="AccessRule.Home"/>): a partner for catalog, media and assessment authoring, an organization for programs,
/// reports, licences, webhooks and tenant administration.
/// </summary>
public enum MatrixCaller
{
    /// <summary>No token at all.</summary>
    Anonymous,

    /// <summary>learner@acme.example through the learner app with the learner app's scopes (and <c>email</c>); a member, not an administrator, of the organization.</summary>
    Learner,

    /// <summary>The same learner through the learner app with <c>openid profile</c> only: what a user who granted no API scope can do.</summary>
    LearnerWithoutScope,

    /// <summary>admin@northfield.example (partner portal, every scope): the administrator of a tenant the field is not about.</summary>
    OtherTenantStaff,

    /// <summary>The administrator of the field's tenant (partner portal, every scope): admin@kings-bridge.example or admin@acme.example.</summary>
    TenantStaff,

    /// <summary>The field's tenant's API client with every scope it may hold, the rule's scope among them.</summary>
    ApiClientWithScope,

    /// <summary>The same API client with every scope it may hold but the rule's.</summary>
    ApiClientWithoutScope,

    /// <summary>admin@coursera.example (partner portal, every scope).</summary>
    PlatformAdmin,
}
