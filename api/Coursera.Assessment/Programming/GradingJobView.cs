using Coursera.Assessment.Model;

namespace Coursera.Assessment.Programming;

/// <summary>A job as its worker sees it: the grader and the learner's files, never who the learner is.</summary>
public sealed record GradingJobView(GradingJob Job, ProgrammingGrader Grader, IReadOnlyList<SubmittedFile> Files);
