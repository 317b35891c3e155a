namespace Coursera.Assessment;

/// <summary>
/// The assessment service's settings, bound from the <c>Assessment</c> configuration section (<c>MigrateOnStart</c>
/// and <c>Seed</c> in the same section are its store's).
/// </summary>
public sealed class AssessmentOptions
{
    public const string Section = "Assessment";

    /// <summary>How long after its time limit an open attempt is graded without its learner (a slow network's margin).</summary>
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often open attempts past their limit are looked for.</summary>
    public TimeSpan OverdueSweep { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Leases of a grading job before its submission is set aside as not gradable.</summary>
    public int GradingTries { get; set; } = 3;

    /// <summary>The pause before a job a worker failed on is leased again, times the leases so far.</summary>
    public TimeSpan GradingRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often peer-graded work past its relax time is looked at (to grade it with the reviews it has).</summary>
    public TimeSpan PeerReviewSweep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After a learner resets their personal schedule, the time they have until the earliest deadline they had missed.</summary>
    public TimeSpan ScheduleResetRunway { get; set; } = TimeSpan.FromDays(7);
}
