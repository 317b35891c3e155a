using GraphQL;

namespace Coursera.Identity.Tenants;

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

/// <summary>An invitation of the signed-in user (<c>viewer.tenantInvitations</c>), to accept or decline.</summary>
public sealed class TenantInvitationInput
{
    [Id] public required string InvitationId { get; set; }
}
