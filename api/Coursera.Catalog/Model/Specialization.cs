namespace Coursera.Catalog.Model;

/// <summary>A partner's ordered series of courses.</summary>
public sealed class Specialization : ISlugged
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = string.Empty;
    public List<SpecializationCourse> Courses { get; init; } = [];
}

public sealed class SpecializationCourse
{
    public Guid SpecializationId { get; set; }
    public Guid CourseId { get; set; }
    public int Position { get; set; }
}
