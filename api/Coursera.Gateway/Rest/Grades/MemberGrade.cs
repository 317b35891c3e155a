using System.ComponentModel;

namespace Coursera.Gateway.Rest.Grades;

/// <summary>A program member's grade in a course.</summary>
public sealed record MemberGrade(
    Guid LearnerId,
    [property: Description("0 to 1: the weighted average of the graded items' kept grades.")] double Score,
    [property: Description("Every graded item is passed.")] bool Passed);
