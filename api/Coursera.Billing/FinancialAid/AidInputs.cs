using System.ComponentModel;
using GraphQL;

namespace Coursera.Billing.FinancialAid;

public sealed class ApplyForFinancialAidInput
{
    [Id] public required string CourseId { get; set; }

    [Description("Why you need financial aid: at least 150 words.")]
    public required string Reasons { get; set; }

    [Description("How the course will help you reach your goals: at least 150 words.")]
    public required string Goals { get; set; }
}

public sealed class ReviewFinancialAidInput
{
    [Id] public required string ApplicationId { get; set; }

    public bool Approve { get; set; }

    [Description("Why: shown to the learner (at most 1000 characters).")]
    public required string Note { get; set; }
}
