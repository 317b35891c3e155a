namespace Coursera.Learner.Model;

/// <summary>An organization's curated set of courses, with its members (learners the organization pays for).</summary>
public sealed class EnterpriseProgram
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<Guid> CourseIds { get; set; } = [];
    public DateTime CreatedAt { get; init; }
}
