using Coursera.Assessment.Attempts;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Assessment.Schedules;

/// <summary>
/// Learners' personal schedules: the deadlines of a course's assessments with a personal schedule, counted from each
/// learner's enrollment, and the reset that moves them forward when the learner fell behind.
/// </summary>
public sealed class PersonalSchedules(IDbContextFactory<AssessmentDbContext> contexts, TimeProvider clock, IOptions<AssessmentOptions> options)
{
    /// <summary>The learner's schedule; null without an enrollment that allows attempts or without personal deadlines in the course.</summary>
    public async Task<LearnerSchedule?> ForAsync(Guid courseId, Guid learnerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, courseId, learnerId, cancellationToken);
    }

    public async Task<MutationPayload<LearnerSchedule>> ResetAsync(ResetScheduleInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Proctor.Learner(caller);
        var courseId = Ids.Parse(input.CourseId, "input.courseId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var schedule = await ReadAsync(db, courseId, learnerId, cancellationToken);
        if (schedule is null)
        {
            return MutationPayload<LearnerSchedule>.Refused(UserError.For("NO_SCHEDULE",
                "Nothing to reset: you are not enrolled in this course, or it has no personal deadlines.", "courseId"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (PersonalSchedule.StartAfterReset(schedule.StartsAt, schedule.Deadlines, now, options.Value.ScheduleResetRunway) is not { } start)
        {
            return MutationPayload<LearnerSchedule>.Refused(UserError.For("NOT_BEHIND", "You have not missed a deadline: your schedule stays as it is.", "courseId"));
        }

        // Two resets at once move the schedule once: the second finds the count changed and changes nothing.
        await db.Enrollments.Where(e => e.LearnerId == learnerId && e.CourseId == courseId && e.ScheduleResets == schedule.Resets
                && (e.State == "ACTIVE" || e.State == "COMPLETED"))
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.ScheduleStartsAt, start).SetProperty(e => e.ScheduleResets, e => e.ScheduleResets + 1)
                .SetProperty(e => e.ScheduleResetAt, now), cancellationToken);
        return MutationPayload<LearnerSchedule>.Changed((await ReadAsync(db, courseId, learnerId, cancellationToken))!);
    }

    private async Task<LearnerSchedule?> ReadAsync(AssessmentDbContext db, Guid courseId, Guid learnerId, CancellationToken cancellationToken)
    {
        var enrollment = await db.Enrollments.AsNoTracking()
            .Where(e => e.LearnerId == learnerId && e.CourseId == courseId && (e.State == "ACTIVE" || e.State == "COMPLETED"))
            .OrderByDescending(e => e.Version).FirstOrDefaultAsync(cancellationToken);
        if (enrollment is null)
        {
            return null;
        }

        var scheduled = (await db.Assessments.AsNoTracking().Include(a => a.Versions).Where(a => a.CourseId == courseId).ToListAsync(cancellationToken))
            .Where(a => a.Published?.Policy.DueDaysAfterEnrollment is not null).ToList();
        if (scheduled.Count == 0)
        {
            return null;
        }

        var itemIds = scheduled.Select(a => a.ItemId).ToList();
        var passed = await db.Grades.AsNoTracking().Where(g => g.LearnerId == learnerId && itemIds.Contains(g.ItemId) && g.Passed)
            .Select(g => g.ItemId).ToListAsync(cancellationToken);
        var entries = scheduled.Select(a => new PersonalSchedule.Entry(a.ItemId, a.Title, a.Published!.Policy.DueDaysAfterEnrollment!.Value, passed.Contains(a.ItemId)));
        return new LearnerSchedule(courseId, enrollment.EnrolledAt, enrollment.ScheduleStartsAt, enrollment.ScheduleResets, enrollment.ScheduleResetAt,
            PersonalSchedule.Deadlines(enrollment.ScheduleStartsAt, entries, clock.GetUtcNow().UtcDateTime));
    }
}
