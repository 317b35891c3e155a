using System.ComponentModel;

namespace Coursera.Gateway.Rest.Courses;

/// <summary>A course of the catalog.</summary>
public sealed record Course(
    Guid Id,
    [property: Description("The course's address in the catalog, e.g. `machine-learning`.")] string Slug,
    string Title,
    string? Subtitle,
    string Description,
    [property: Description("BCP 47 language tag, e.g. `en` or `pt-BR`.")] string Language,
    [property: Description("BEGINNER, INTERMEDIATE, ADVANCED or MIXED.")] string Level,
    IReadOnlyList<string> Skills,
    [property: Description("Estimated hours to complete.")] int WorkloadHours,
    [property: Description("PUBLISHED; DRAFT or ARCHIVED only for the partner's own clients.")] string Status,
    DateTimeOffset? PublishedAt,
    CoursePartner Partner,
    IReadOnlyList<CourseSession> Sessions,
    [property: Description("Where a learner opens the course: link to it from your LMS.")] string? WebUrl);

/// <summary>The university or company that teaches a course.</summary>
public sealed record CoursePartner(Guid Id, string Slug, string Name);

/// <summary>A run of a course that learners enroll in.</summary>
public sealed record CourseSession(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset EnrollmentOpensAt, DateTimeOffset EnrollmentClosesAt);
