using Coursera.Events;
using Coursera.Events.Outbox;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Licences;

/// <summary>
/// Seats of enterprise licences. An ENTERPRISE enrollment needs a seat of a licence of the organization that covers
/// one of the learner's programs with the course (the licences naming the program when there are any, else those covering all); a learner
/// holds one seat per licence whatever the number of courses. Taking one locks the licence's row, so concurrent
/// enrollments never take more seats than it has; call it inside the transaction that stores the enrollment.
/// </summary>
public static class Seats
{
    public const string SeatsLow = "licence.seats_low";

    /// <summary>The share of seats taken at which the organization is told (<c>licence.seats_low</c>), once on the way up.</summary>
    public const double LowAt = 0.9;

    public static async Task<SeatClaim> TakeAsync(LearnerDbContext db, Guid organizationId, IReadOnlyCollection<Guid> programIds, Guid learnerId, DateTime now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = (await db.Licences.AsNoTracking().Where(l => l.OrganizationId == organizationId && l.StartsAt <= now && l.EndsAt > now)
                .ToListAsync(cancellationToken))
            .Where(l => l.Covers(programIds, now)).ToList();

        // A licence sold for the program is the one that pays for it, full or not; the organization's wide ones pay for the rest.
        if (candidates.Any(l => l.ProgramIds.Count > 0))
        {
            candidates = [.. candidates.Where(l => l.ProgramIds.Count > 0)];
        }

        candidates = [.. candidates.OrderBy(l => l.EndsAt)];
        if (candidates.Count == 0)
        {
            return SeatClaim.NoLicence;
        }

        var ids = candidates.Select(l => l.Id).ToList();
        if (await db.Seats.AnyAsync(s => ids.Contains(s.LicenceId) && s.LearnerId == learnerId && s.ReleasedAt == null, cancellationToken))
        {
            return SeatClaim.AlreadyHeld;
        }

        foreach (var candidate in candidates)
        {
            var licence = await db.Licences.FromSql($"SELECT * FROM learner.licences WHERE id = {candidate.Id} FOR UPDATE").AsNoTracking().SingleAsync(cancellationToken);
            var taken = await db.Seats.CountAsync(s => s.LicenceId == licence.Id && s.ReleasedAt == null, cancellationToken);
            if (taken >= licence.Seats)
            {
                continue;
            }

            var seat = await db.Seats.SingleOrDefaultAsync(s => s.LicenceId == licence.Id && s.LearnerId == learnerId, cancellationToken);
            if (seat is null)
            {
                db.Seats.Add(new Seat { LicenceId = licence.Id, LearnerId = learnerId, TakenAt = now });
            }
            else
            {
                seat.TakenAt = now;
                seat.ReleasedAt = null;
            }

            if (taken + 1 >= licence.Seats * LowAt && taken < licence.Seats * LowAt)
            {
                db.Publish(EventEnvelope.Create(SeatsLow, LearnerEvents.Source, licence.Id.ToString(),
                    new { licenceId = licence.Id, organizationId, seats = licence.Seats, seatsTaken = taken + 1, occurredAt = now }, now, organizationId: organizationId));
            }

            // Saved now: the next claim in this transaction (a bulk job's next row) counts it.
            await db.SaveChangesAsync(cancellationToken);
            return SeatClaim.Taken;
        }

        return SeatClaim.NoSeatAvailable;
    }

    /// <summary>
    /// Gives back the learner's seats of the organization's licences that cover none of the programs they are still a
    /// member of. Their active ENTERPRISE enrollments in courses no remaining program of theirs has go on on the AUDIT track,
    /// progress kept: the organization no longer pays for them. Returns those enrollments.
    /// </summary>
    public static async Task<List<Enrollment>> ReleaseAsync(LearnerDbContext db, Guid organizationId, Guid learnerId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var remaining = await db.ProgramMemberships.AsNoTracking()
            .Where(m => m.UserId == learnerId && m.OrganizationId == organizationId && m.JoinedAt != null)
            .Join(db.Programs, m => m.ProgramId, p => p.Id, (m, p) => p).ToListAsync(cancellationToken);
        var programIds = remaining.Select(p => p.Id).ToList();
        var licences = await db.Licences.AsNoTracking().Where(l => l.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var released = licences.Where(l => !l.Covers(programIds, now)).Select(l => l.Id).ToList();
        foreach (var seat in await db.Seats.Where(s => s.LearnerId == learnerId && released.Contains(s.LicenceId) && s.ReleasedAt == null).ToListAsync(cancellationToken))
        {
            seat.ReleasedAt = now;
        }

        var stillCovered = remaining.SelectMany(p => p.CourseIds).ToHashSet();
        var uncovered = (await db.Enrollments.Where(e => e.LearnerId == learnerId && e.OrganizationId == organizationId && e.Track == EnrollmentTrack.Enterprise
                && e.State == EnrollmentState.Active).ToListAsync(cancellationToken))
            .Where(e => !stillCovered.Contains(e.CourseId)).ToList();
        foreach (var enrollment in uncovered)
        {
            enrollment.Track = EnrollmentTrack.Audit;
        }

        return uncovered;
    }
}
