namespace Coursera.Learner.Model;

/// <summary>
/// What the learner service knows of a course, kept from the catalog's course events: its sessions (enrollment
/// windows) and its items in order, with which are required. The catalog owns the course; this is a replica.
/// </summary>
public sealed class CourseOutline
{
    public required Guid CourseId { get; init; }
    public required Guid PartnerId { get; set; }
    public required string Title { get; set; }

    /// <summary>PUBLISHED, ARCHIVED (the catalog's status).</summary>
    public required string Status { get; set; }

    /// <summary>Courses a learner must have completed before enrolling in this one.</summary>
    public List<Guid> PrerequisiteIds { get; set; } = [];

    public List<OutlineSession> Sessions { get; set; } = [];
    public List<OutlineItem> Items { get; set; } = [];

    /// <summary>The catalog's time of the event this replica is at: older events are ignored.</summary>
    public DateTime Version { get; set; }

    public const string Published = "PUBLISHED";

    public bool IsOpen => Status == Published;

    public IEnumerable<OutlineItem> RequiredItems => Items.Where(i => i.Required);
}

public sealed record OutlineSession(Guid Id, DateTime StartsAt, DateTime EndsAt, DateTime EnrollmentOpensAt, DateTime EnrollmentClosesAt)
{
    public bool IsEnrollmentOpen(DateTime now) => EnrollmentOpensAt <= now && now < EnrollmentClosesAt;
}

/// <summary>
/// An item in course order; <see cref="Position"/> counts across modules. A <see cref="Graded"/> item is done when the
/// assessment service posts a passing grade, not when the learner's client reports it complete.
/// </summary>
/// <param name="VideoAssetId">The media asset a lecture plays: watching most of it completes the lecture.</param>
public sealed record OutlineItem(Guid Id, Guid ModuleId, string Title, string Kind, bool Required, int Position, bool Graded = false, string? VideoAssetId = null);
