namespace Coursera.Learner.Model;

public enum EnrollmentState
{
    Active,
    Completed,
    Withdrawn,

    /// <summary>The session ended before the learner completed the course.</summary>
    Expired,
}
