using System.ComponentModel;
using Coursera.Catalog.Model;
using GraphQL;

namespace Coursera.Catalog.Courses;

public sealed class CreateCourseInput
{
    [Id] public required string PartnerId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Description { get; set; }
    [Description("BCP 47 language tag; defaults to en.")]
    public string? Language { get; set; }
    public CourseLevel? Level { get; set; }
    public List<string>? Skills { get; set; }
    public int? WorkloadHours { get; set; }
    [Id] public List<string>? InstructorIds { get; set; }
    [Id, Description("Courses a learner must have completed before enrolling in this one: public courses or the partner's own, at most 10.")]
    public List<string>? PrerequisiteIds { get; set; }
}

/// <summary>Only the fields given are changed.</summary>
public sealed class UpdateCourseInput
{
    [Id] public required string CourseId { get; set; }
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Description { get; set; }
    public string? Language { get; set; }
    public CourseLevel? Level { get; set; }
    public List<string>? Skills { get; set; }
    public int? WorkloadHours { get; set; }
    [Id] public List<string>? InstructorIds { get; set; }
    [Id, Description("Courses a learner must have completed before enrolling in this one: public courses or the partner's own, at most 10.")]
    public List<string>? PrerequisiteIds { get; set; }
}

public sealed class PublishCourseInput
{
    [Id] public required string CourseId { get; set; }
}

public sealed class ArchiveCourseInput
{
    [Id] public required string CourseId { get; set; }
}

public sealed class CreateCourseSessionInput
{
    [Id] public required string CourseId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DateTime EnrollmentOpensAt { get; set; }
    public DateTime EnrollmentClosesAt { get; set; }
}
