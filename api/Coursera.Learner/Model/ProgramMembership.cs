namespace Coursera.Learner.Model;

/// <summary>
/// A learner in a program, known by their user id, or invited by email or by the organization's own external id
/// (its HR system's) until they join.
/// </summary>
public sealed class ProgramMembership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid ProgramId { get; init; }
    public required Guid OrganizationId { get; init; }
    public Guid? UserId { get; set; }
    public string? Email { get; init; }
    public string? ExternalId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? JoinedAt { get; set; }
}
