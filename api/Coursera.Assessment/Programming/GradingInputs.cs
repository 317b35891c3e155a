using System.ComponentModel;
using GraphQL;

namespace Coursera.Assessment.Programming;

public sealed class LeaseGradingJobInput
{
    [Description("How long the worker needs the job; at least the grader's time limit and a minute is given. 300 when omitted.")]
    public int? LeaseSeconds { get; set; }
}

public sealed class CompleteGradingJobInput
{
    [Id] public required string JobId { get; set; }

    public required string LeaseToken { get; set; }

    [Description("0 to 1, as the grader printed it.")]
    public double FractionalScore { get; set; }

    [Description("What the grader said, shown to the learner; at most 10000 characters.")]
    public required string Feedback { get; set; }
}

public sealed class FailGradingJobInput
{
    [Id] public required string JobId { get; set; }

    public required string LeaseToken { get; set; }

    [Description("Why the worker could not run the grader (not the submission's fault): the job is tried again.")]
    public required string Error { get; set; }
}
