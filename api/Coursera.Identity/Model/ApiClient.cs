namespace Coursera.Identity.Model;

/// <summary>
/// A machine client of one tenant, using the client-credentials flow. The OpenIddict application of the same client id
/// holds the hashed secret and the permissions; this row says whose it is and when its secret last changed.
/// </summary>
public sealed class ApiClient
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ClientId { get; init; }

    public required Guid TenantId { get; init; }

    public Tenant? Tenant { get; init; }

    public required string Name { get; set; }

    public required List<string> Scopes { get; set; }

    public Guid? CreatedBy { get; init; }

    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    public DateTime SecretRotatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? RevokedAt { get; set; }
}
