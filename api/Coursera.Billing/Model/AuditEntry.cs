namespace Coursera.Billing.Model;

/// <summary>
/// One decision about money or access, kept for good: who (a user's or API client's id, or <c>stripe</c>), what, about
/// what, and why. Written in the transaction of the change it records, so the trail never misses one.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required DateTime OccurredAt { get; init; }

    public required string Actor { get; init; }

    /// <summary>What was done: <c>refund.automatic</c>, <c>refund.requested</c>, <c>refund.staff</c>, <c>refund.declined</c>, <c>offer.created</c>, …</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to: <c>order:{id}</c>, <c>offer:{id}</c>, <c>licence:{id}</c>, <c>partner:{id}</c>, <c>aid:{id}</c>.</summary>
    public required string Subject { get; init; }

    public string? Detail { get; init; }
}
