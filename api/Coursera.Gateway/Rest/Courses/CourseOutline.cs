using System.ComponentModel;

namespace Coursera.Gateway.Rest.Courses;

/// <summary>A course's modules and their items, in order.</summary>
public sealed record CourseOutline(Guid CourseId, IReadOnlyList<OutlineModule> Modules);

public sealed record OutlineModule(Guid Id, [property: Description("Order within the course, from 0.")] int Position, string Title, string? Description,
    IReadOnlyList<OutlineItem> Items);

public sealed record OutlineItem(
    Guid Id,
    [property: Description("Order within the module, from 0.")] int Position,
    [property: Description("LECTURE, READING, QUIZ, ASSIGNMENT or PEER_REVIEW.")] string Kind,
    string Title,
    int DurationMinutes,
    [property: Description("Required items count towards completion.")] bool Required,
    [property: Description("Completed by a passing grade rather than by the learner's report.")] bool Graded);
