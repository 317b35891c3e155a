namespace Coursera.ServiceDefaults.Authentication;

/// <summary>The claims an access token carries, as the identity server writes them and every service reads them.</summary>
public static class CourseraClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string ClientId = "client_id";

    /// <summary>A partner the caller belongs to (as staff, or as an API client of it).</summary>
    public const string PartnerId = "partner_id";

    /// <summary>An organization the caller belongs to.</summary>
    public const string OrganizationId = "organization_id";

    /// <summary>One role in one tenant: <c>{tenantId}:{role}</c>, e.g. <c>0193…:partner_admin</c>.</summary>
    public const string Membership = "membership";

    /// <summary>When the user last proved who they are (password, second factor), in Unix seconds (OIDC <c>auth_time</c>).</summary>
    public const string AuthenticationTime = "auth_time";
}
