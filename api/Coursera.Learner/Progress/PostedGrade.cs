namespace Coursera.Learner.Progress;

/// <summary>A grade the assessment service posted (<c>grade.posted</c>): the learner's score on a graded item, 0 to 1, and whether it passes.</summary>
public sealed record PostedGrade(Guid LearnerId, Guid CourseId, Guid ItemId, double Score, bool Passed);
