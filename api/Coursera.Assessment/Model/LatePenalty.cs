namespace Coursera.Assessment.Model;

/// <summary>
/// What late work loses: a share of its score for each day, or part of a day, it came after the learner's deadline
/// (an extension's, else the policy's), never below the policy's floor. Applied when the work is graded, on the
/// time it was submitted; the share is kept with the attempt, so a regrade applies the same one.
/// </summary>
public static class LatePenalty
{
    /// <summary>The share of the score removed (0 to 1); 0 when on time or when there is no deadline.</summary>
    public static double Share(AttemptPolicy policy, DateTime? deadline, DateTime submittedAt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (deadline is not { } due || submittedAt <= due || policy.LatePenaltyPerDay <= 0)
        {
            return 0;
        }

        var days = Math.Ceiling((submittedAt - due).TotalDays);
        return Math.Min(1 - policy.LatePenaltyFloor, policy.LatePenaltyPerDay * days);
    }

    public static double Apply(double score, double share) => score * (1 - share);
}
