namespace Coursera.Assessment.Model;

/// <summary>The assessment of one graded item (a quiz, a programming assignment or peer-graded work; <c>Assessment</c> in the schema): its versions, the newest published one in use.</summary>
public sealed class ItemAssessment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid ItemId { get; init; }

    public required Guid CourseId { get; init; }

    public required Guid PartnerId { get; init; }

    public required string Title { get; set; }

    /// <summary>From the item's kind in the catalog: it never changes.</summary>
    public AssessmentKind Kind { get; init; }

    /// <summary>The item's weight in the course grade, relative to the other graded items' (1 unless set).</summary>
    public double Weight { get; set; } = 1;

    /// <summary>The course's grade group the item belongs to (see <see cref="GradeGroup"/>), if any.</summary>
    public string? Group { get; set; }

    public DateTime CreatedAt { get; init; }

    public List<AssessmentVersion> Versions { get; init; } = [];

    public AssessmentVersion? Published => AssessmentVersion.NewestPublished(Versions);

    public AssessmentVersion Latest => Versions.MaxBy(v => v.Number)!;
}
