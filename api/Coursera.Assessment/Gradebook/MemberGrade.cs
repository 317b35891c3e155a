using Coursera.Assessment.Model;

namespace Coursera.Assessment.Gradebook;

/// <summary>One program member's course grade, as their organization's report shows it.</summary>
public sealed record MemberGrade(Guid LearnerId, CourseGrading.Result Grade);
