using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Enrollments;

/// <summary>
/// The signed-in learner's enrollments, loaded once per request however many <c>viewerEnrollment</c> and
/// <c>viewerProgress</c> fields ask (a course page asks once per item).
/// </summary>
public sealed class ViewerLearning(IDbContextFactory<LearnerDbContext> contexts)
{
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<Enrollment>>? _enrollments;

    /// <summary>Newest first; none for an anonymous caller or an API client.</summary>
    public Task<IReadOnlyList<Enrollment>> EnrollmentsAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        lock (_gate)
        {
            return _enrollments ??= LoadAsync(caller.UserId, cancellationToken);
        }
    }

    /// <summary>The viewer's current enrollment in the course, else their latest one.</summary>
    public async Task<Enrollment?> InCourseAsync(Caller caller, Guid courseId, CancellationToken cancellationToken)
    {
        var enrollments = (await EnrollmentsAsync(caller, cancellationToken)).Where(e => e.CourseId == courseId).ToList();
        return enrollments.FirstOrDefault(e => e.IsCurrent) ?? enrollments.FirstOrDefault();
    }

    private async Task<IReadOnlyList<Enrollment>> LoadAsync(Guid? learnerId, CancellationToken cancellationToken)
    {
        if (learnerId is null)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Enrollments.AsNoTracking().Where(e => e.LearnerId == learnerId).OrderByDescending(e => e.EnrolledAt).ToListAsync(cancellationToken);
    }
}
