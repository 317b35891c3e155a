namespace Coursera.Catalog.Model;

/// <summary>A course of one partner: its modules hold the items a learner works through.</summary>
public sealed class Course
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Subtitle { get; set; }
    public string Description { get; set; } = string.Empty;

    /// <summary>BCP 47 language tag, e.g. <c>en</c> or <c>pt-BR</c>.</summary>
    public string Language { get; set; } = "en";
    public CourseLevel Level { get; set; }
    public List<string> Skills { get; set; } = [];
    public int WorkloadHours { get; set; }
    public CourseStatus Status { get; private set; } = CourseStatus.Draft;
    public DateTime? PublishedAt { get; private set; }
    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Courses a learner must have completed before enrolling in this one (at most <see cref="CatalogRules.MaxPrerequisites"/>).</summary>
    public List<Guid> PrerequisiteIds { get; set; } = [];

    public List<Module> Modules { get; init; } = [];
    public List<CourseInstructor> Instructors { get; init; } = [];
    public List<CourseSession> Sessions { get; init; } = [];

    /// <summary>Drafts and archived courses are visible only to their partner's staff.</summary>
    public bool IsPublic => Status == CourseStatus.Published;

    /// <summary>A course can be published once it has something to learn: a module that holds an item.</summary>
    public bool HasContent => Modules.Any(m => m.Items.Count > 0);

    public CourseRuleViolation? Publish(DateTime now)
    {
        if (Status == CourseStatus.Published)
        {
            return new("ALREADY_PUBLISHED", "The course is already published.");
        }

        if (!HasContent)
        {
            return new("NO_CONTENT", "A course needs at least one module holding one item before it can be published.");
        }

        Status = CourseStatus.Published;
        PublishedAt ??= now;
        UpdatedAt = now;
        return null;
    }

    public CourseRuleViolation? Archive(DateTime now)
    {
        if (Status == CourseStatus.Archived)
        {
            return new("ALREADY_ARCHIVED", "The course is already archived.");
        }

        Status = CourseStatus.Archived;
        UpdatedAt = now;
        return null;
    }
}

/// <summary>Why a change was refused; <paramref name="Field"/> names the input field at fault, if one is.</summary>
public sealed record CourseRuleViolation(string Code, string Message, string? Field = null);
