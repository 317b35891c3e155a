namespace Coursera.Identity.Model;

/// <summary>
/// One security event (<see cref="AuditEvents"/>). Append-only: the table refuses updates and deletes, so a record
/// cannot be altered through the application or by a careless statement.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTime OccurredAt { get; init; } = DateTime.UtcNow;

    public required string Type { get; init; }

    /// <summary>Who acted: a user id, or null for an anonymous attempt or a machine client.</summary>
    public Guid? ActorUserId { get; init; }

    /// <summary>The API client that acted, when one did.</summary>
    public string? ActorClientId { get; init; }

    /// <summary>The user the event is about, when not the actor (a role given to someone, a failed sign-in for an email).</summary>
    public Guid? SubjectUserId { get; init; }

    public Guid? TenantId { get; init; }

    /// <summary>What else matters, in words a reviewer reads: an email tried, a role, a client id. Never a secret.</summary>
    public string? Detail { get; init; }

    public string? IpAddress { get; init; }
}
