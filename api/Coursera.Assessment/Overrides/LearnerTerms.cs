using Coursera.Assessment.Model;

namespace Coursera.Assessment.Overrides;

/// <summary>What a learner's grants change at one assessment: extra attempts, extra minutes per attempt, their own deadline.</summary>
public sealed record LearnerTerms(int ExtraAttempts, int ExtraMinutes, DateTime? Deadline)
{
    public static LearnerTerms None { get; } = new(0, 0, null);

    /// <summary>Extra attempts and minutes add up; the newest grant that sets a deadline decides it.</summary>
    public static LearnerTerms From(IReadOnlyCollection<AttemptGrant> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        return new(grants.Sum(g => g.ExtraAttempts), grants.Sum(g => g.ExtraMinutes), grants.Where(g => g.Deadline is not null).MaxBy(g => g.GrantedAt)?.Deadline);
    }

    /// <summary>The deadline that holds for the learner: their extension's, else the policy's.</summary>
    public DateTime? DeadlineUnder(AttemptPolicy policy) => Deadline ?? policy?.Deadline;
}
