using System.ComponentModel;
using GraphQL;

namespace Coursera.Assessment.Regrading;

public sealed class RegradeAssessmentInput
{
    [Id] public required string AssessmentId { get; set; }

    [Description("Store the new scores; without it, only the differences are listed (a dry run) and nothing changes.")]
    public bool? Apply { get; set; }

    [Description("An attempt keeps its old score when the new one is lower.")]
    public bool? KeepHigher { get; set; }

    [Description("Why, for the learners and the grade.changed event (at most 500 characters).")]
    public string? Reason { get; set; }
}
