namespace Coursera.Assessment.Model;

/// <summary>An item of a course as the catalog's events describe it: what an assessment may be attached to.</summary>
public sealed class CourseItem
{
    public required Guid ItemId { get; init; }

    public required Guid CourseId { get; set; }

    public required Guid PartnerId { get; set; }

    /// <summary>The catalog's spelling: <c>QUIZ</c>, <c>ASSIGNMENT</c>, <c>PEER_REVIEW</c>, <c>VIDEO</c>, ...</summary>
    public required string Kind { get; set; }

    public required string Title { get; set; }

    public bool Graded { get; set; }

    /// <summary>The time of the course event this row reflects: an older event never overwrites a newer one.</summary>
    public DateTime Version { get; set; }
}
