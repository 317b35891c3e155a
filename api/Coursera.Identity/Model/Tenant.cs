namespace Coursera.Identity.Model;

/// <summary>
/// A partner (university) or an organization (enterprise), or the platform. A partner tenant's id is the catalog's
/// partner id, so a token's tenant ids are the ids the catalog checks.
/// </summary>
public sealed class Tenant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required TenantKind Kind { get; init; }

    public required string Slug { get; init; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}
