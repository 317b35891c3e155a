using Coursera.Learner.Model;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Data;

/// <summary>
/// Sample data of the all-in-one host: a PAID entitlement for the seeded learner, so a fresh install can walk the
/// whole path (enroll on the PAID track, complete, get a certificate). Granted once; the course need not be known
/// here yet (its outline arrives with the catalog's events).
/// </summary>
public static class SampleEntitlement
{
    public static async Task<bool> GrantOnceAsync(IDbContextFactory<LearnerDbContext> contexts, Guid learnerId, Guid courseId, DateTime now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Entitlements.AnyAsync(e => e.LearnerId == learnerId && e.CourseId == courseId, cancellationToken))
        {
            return false;
        }

        db.Entitlements.Add(new Entitlement { LearnerId = learnerId, CourseId = courseId, GrantedBy = "sample-data", GrantedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
