namespace Coursera.Identity.Model;

/// <summary>A role a user holds in one tenant (<see cref="TenantRoles"/>); a user may hold several, in several tenants.</summary>
public sealed class Membership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid UserId { get; init; }

    public required Guid TenantId { get; init; }

    public Tenant? Tenant { get; init; }

    public User? User { get; init; }

    public required string Role { get; init; }

    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}
