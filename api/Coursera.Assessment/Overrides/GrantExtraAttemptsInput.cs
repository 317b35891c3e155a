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
