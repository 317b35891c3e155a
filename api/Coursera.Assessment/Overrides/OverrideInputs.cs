using System.ComponentModel;
using GraphQL;

namespace Coursera.Assessment.Overrides;

public sealed class GrantExtraAttemptsInput
{
    [Id] public required string AssessmentId { get; set; }

    [Id] public required string LearnerId { get; set; }

    [Description("1 to 20, added to what the policy allows this learner.")]
    public int Attempts { get; set; }

    [Description("Why: recorded with the grant.")]
    public required string Reason { get; set; }
}

public sealed class GrantExtensionInput
{
    [Id] public required string AssessmentId { get; set; }

    [Id] public required string LearnerId { get; set; }

    [Description("The learner's own deadline, replacing the policy's (late work counts from it).")]
    public DateTime? Deadline { get; set; }

    [Description("Minutes added to the time limit of each of the learner's attempts, 1 to 10080.")]
    public int? ExtraTimeMinutes { get; set; }

    [Description("Why: recorded with the grant.")]
    public required string Reason { get; set; }
}
