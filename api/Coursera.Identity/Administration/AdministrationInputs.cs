using GraphQL;

namespace Coursera.Identity.Administration;

public sealed class InviteUserInput
{
    [Id] public required string TenantId { get; set; }
    public required string Email { get; set; }
    public required string Role { get; set; }
    public string? DisplayName { get; set; }
}

/// <summary>A role of a user in a tenant: given by <c>assignRole</c>, taken by <c>removeRole</c>.</summary>
public sealed class RoleInput
{
    [Id] public required string TenantId { get; set; }
    [Id] public required string UserId { get; set; }
    public required string Role { get; set; }
}

public sealed class CreateApiClientInput
{
    [Id] public required string TenantId { get; set; }
    public required string Name { get; set; }
    public required List<string> Scopes { get; set; }
}

public sealed class ApiClientInput
{
    public required string ClientId { get; set; }
}

public sealed class TwoFactorCodeInput
{
    /// <summary>A code from the authenticator app, or a recovery code.</summary>
    public required string Code { get; set; }
}
