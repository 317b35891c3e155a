using Coursera.Assessment.Model;

namespace Coursera.Assessment.Schedules;

/// <summary>A learner's personal schedule in one course: where it starts, its resets, and the deadlines it gives.</summary>
public sealed record LearnerSchedule(Guid CourseId, DateTime EnrolledAt, DateTime StartsAt, int Resets, DateTime? ResetAt,
    IReadOnlyList<PersonalSchedule.Deadline> Deadlines)
{
    /// <summary>A deadline passed on work not passed yet: the learner may reset.</summary>
    public bool Behind => Deadlines.Any(d => d.Missed);
}
