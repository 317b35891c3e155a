namespace Coursera.Assessment.Model;

/// <summary>
/// The questions and policy of an assessment at one point: a draft until published, then never changed again, since
/// attempts record the version they were made with. Changing a published assessment makes a new draft version.
/// </summary>
public sealed class AssessmentVersion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AssessmentId { get; init; }

    public required int Number { get; init; }

    public List<Question> Questions { get; set; } = [];

    public AttemptPolicy Policy { get; set; } = new();

    /// <summary>A programming assignment's grader.</summary>
    public ProgrammingGrader? Grader { get; set; }

    /// <summary>Peer-graded work's rubric and review rules.</summary>
    public PeerReviewSetup? PeerReview { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>
    /// The assessment's current rules and keys among its versions: the newest published one (what new attempts use,
    /// what kept grades and regrades follow); null before the first publication.
    /// </summary>
    public static AssessmentVersion? NewestPublished(IEnumerable<AssessmentVersion> versions) =>
        versions.Where(v => v.PublishedAt is not null).MaxBy(v => v.Number);
}
