namespace Coursera.Learner.Model;

/// <summary>How the learner takes the course: free to audit, paid (needs an entitlement), or through their employer.</summary>
public enum EnrollmentTrack
{
    Audit,
    Paid,
    Enterprise,
}
