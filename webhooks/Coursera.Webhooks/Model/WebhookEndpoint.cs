namespace Coursera.Webhooks.Model;

/// <summary>
/// Where a tenant wants events delivered: a URL, the event types it wants (empty: all), and a signing secret
/// (<c>whsec_…</c>, stored encrypted). During a rotation the previous secret still signs until it expires, so
/// receivers can switch without missing a message.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 2000;

    public const int MaxDescriptionLength = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid TenantId { get; init; }

    /// <summary><c>partner</c> or <c>organization</c>: which tenant id an event about the endpoint carries.</summary>
    public string? TenantKind { get; init; }

    public required string Url { get; set; }

    public List<string> EventTypes { get; set; } = [];

    public string? Description { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Why the platform switched it off (410 Gone, five days of failures); null when enabled or switched off by its tenant.</summary>
    public string? DisabledReason { get; set; }

    public required string SecretEncrypted { get; set; }

    public string? PreviousSecretEncrypted { get; set; }

    public DateTime? PreviousSecretExpiresAt { get; set; }

    /// <summary>Since when every attempt has failed; reset by a success.</summary>
    public DateTime? FailingSince { get; set; }

    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
}
