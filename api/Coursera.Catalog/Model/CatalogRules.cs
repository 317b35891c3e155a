using System.Text.RegularExpressions;

namespace Coursera.Catalog.Model;

/// <summary>The shape rules of catalog input, shared by every mutation that accepts the field.</summary>
public static partial class CatalogRules
{
    public const int MaxTitle = 200;
    public const int MaxSubtitle = 500;

    /// <summary>
    /// Course and module descriptions: long enough for a syllabus, and far below what PostgreSQL's full-text index takes
    /// (a tsvector holds at most 1 MB, so a larger text failed at save time as an internal error).
    /// </summary>
    public const int MaxDescription = 20_000;
    public const int MaxSkills = 20;
    public const int MaxSkillLength = 50;
    public const int MaxWorkloadHours = 1000;
    public const int MaxPrerequisites = 10;

    public static void Slug(ICollection<CourseRuleViolation> violations, string slug, string field = "slug")
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (slug is not { Length: >= 3 and <= 80 } || !SlugPattern().IsMatch(slug))
        {
            violations.Add(new("INVALID_SLUG", "A slug has 3 to 80 lowercase letters, digits and single hyphens.", field));
        }
    }

    public static void Title(ICollection<CourseRuleViolation> violations, string? title, string field = "title")
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitle)
        {
            violations.Add(new("INVALID_TITLE", $"A title has 1 to {MaxTitle} characters.", field));
        }
    }

    public static void Subtitle(ICollection<CourseRuleViolation> violations, string? subtitle)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (subtitle is { Length: > MaxSubtitle })
        {
            violations.Add(new("INVALID_SUBTITLE", $"A subtitle has at most {MaxSubtitle} characters.", "subtitle"));
        }
    }

    public static void Description(ICollection<CourseRuleViolation> violations, string? description)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (description is { Length: > MaxDescription })
        {
            violations.Add(new("INVALID_DESCRIPTION", $"A description has at most {MaxDescription} characters.", "description"));
        }
    }

    public static void Language(ICollection<CourseRuleViolation> violations, string language)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (!LanguagePattern().IsMatch(language))
        {
            violations.Add(new("INVALID_LANGUAGE", "The language is a BCP 47 tag such as 'en' or 'pt-BR'.", "language"));
        }
    }

    public static void Skills(ICollection<CourseRuleViolation> violations, IReadOnlyCollection<string> skills)
    {
        ArgumentNullException.ThrowIfNull(violations);
        ArgumentNullException.ThrowIfNull(skills);
        if (skills.Count > MaxSkills || skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > MaxSkillLength))
        {
            violations.Add(new("INVALID_SKILLS",
                $"A course lists at most {MaxSkills} skills of 1 to {MaxSkillLength} characters.", "skills"));
        }
    }

    public static void WorkloadHours(ICollection<CourseRuleViolation> violations, int hours)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (hours is < 0 or > MaxWorkloadHours)
        {
            violations.Add(new("INVALID_WORKLOAD", $"Workload is between 0 and {MaxWorkloadHours} hours.", "workloadHours"));
        }
    }

    public static void Duration(ICollection<CourseRuleViolation> violations, int minutes)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (minutes is < 0 or > 24 * 60)
        {
            violations.Add(new("INVALID_DURATION", "An item lasts between 0 and 1440 minutes.", "durationMinutes"));
        }
    }

    public static void Video(ICollection<CourseRuleViolation> violations, ItemKind kind, string? videoAssetId)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (videoAssetId is not null && kind != ItemKind.Lecture)
        {
            violations.Add(new("VIDEO_NOT_ALLOWED", "Only lectures play a video.", "videoAssetId"));
        }
        else if (videoAssetId is { Length: 0 or > 100 })
        {
            violations.Add(new("INVALID_VIDEO_ASSET", "A video asset id has 1 to 100 characters.", "videoAssetId"));
        }
    }

    public static void Grading(ICollection<CourseRuleViolation> violations, ItemKind kind, bool graded)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (graded && !Item.CanBeGraded(kind))
        {
            violations.Add(new("GRADING_NOT_ALLOWED", "Only quizzes, assignments and peer reviews are graded.", "graded"));
        }
    }

    public static void SessionDates(ICollection<CourseRuleViolation> violations, CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(violations);
        ArgumentNullException.ThrowIfNull(session);
        if (session.EndsAt <= session.StartsAt)
        {
            violations.Add(new("INVALID_DATES", "A session ends after it starts.", "endsAt"));
        }

        if (session.EnrollmentClosesAt <= session.EnrollmentOpensAt)
        {
            violations.Add(new("INVALID_DATES", "Enrollment closes after it opens.", "enrollmentClosesAt"));
        }

        if (session.EnrollmentOpensAt > session.StartsAt)
        {
            violations.Add(new("INVALID_DATES", "Enrollment opens no later than the session starts.", "enrollmentOpensAt"));
        }

        if (session.EnrollmentClosesAt > session.EndsAt)
        {
            violations.Add(new("INVALID_DATES", "Enrollment closes no later than the session ends.", "enrollmentClosesAt"));
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Z]{2}|-[A-Za-z]{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
