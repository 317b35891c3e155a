using Coursera.Documents;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.Learner.Progress;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.LearningRecords;

/// <summary>
/// Writes the organizations' learning records in the transaction of the change they describe. An identity column alone
/// would let a reader miss changes: a transaction can draw number 10, commit after another's 11 was read, and a reader
/// already past 11 never sees 10. So the learning_records trigger takes the organization's transaction-scoped advisory
/// lock before it draws a row's number, and a transaction can only draw after the previous holder committed: each
/// organization's records become visible in the order of their numbers. Records are written last, just before the
/// commit, so the lock is held for an insert and a commit and never while waiting for another lock.
/// </summary>
public sealed class LearningRecordLog(IDocumentStore documents)
{
    /// <summary>The first key of the organizations' two-key advisory locks ("LREC"); the trigger uses the same.</summary>
    public const int LockSpace = 0x4C524543;

    private readonly IDocumentCollection<CourseProgress> _progress = documents.Collection<CourseProgress>(LearnerDbContext.Schema, ProgressRecorder.Collection);

    /// <summary>
    /// Saves the context's changes, then the records of them (the nulls are enrollments no organization pays for), in
    /// one transaction: the caller's when one is open (the caller commits), else one of its own.
    /// </summary>
    public async Task SaveAsync(LearnerDbContext db, IEnumerable<LearningRecord?> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var written = records.OfType<LearningRecord>().ToList();
        if (written.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        await FillProgressAsync(db, written, cancellationToken);
        await FillMembersAsync(db, written, cancellationToken);

        // Locks in one order (the trigger then finds them held), so two transactions writing for the same organizations never deadlock.
        foreach (var organizationId in written.Select(r => r.OrganizationId).Distinct().Order())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, hashtext({organizationId.ToString()}))", cancellationToken);
        }

        // Under the lock, a racing report of the same item has committed its record or not begun: one record per rise, however many race.
        var items = written.Where(r => r.ItemId is not null).ToList();
        if (items.Count > 0)
        {
            var last = await LastItemRecordsAsync(db, items, cancellationToken);
            written.RemoveAll(r => r.ItemId is { } itemId && !r.ChangesItemSince(last.GetValueOrDefault((r.EnrollmentId, itemId))));
        }

        db.LearningRecords.AddRange(written);
        await db.SaveChangesAsync(cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Whether an item record says something the item's last record did not. Asked before any transaction is opened, so
    /// that a report that changes nothing (most video positions) costs one indexed read and takes no lock. A rise whose
    /// record was lost (a crash after the document write) is recorded by the item's next report.
    /// </summary>
    public static async Task<bool> ChangesItemAsync(LearnerDbContext db, LearningRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var last = await LastItemRecordsAsync(db, [record], cancellationToken);
        return record.ChangesItemSince(last.GetValueOrDefault((record.EnrollmentId, record.ItemId!.Value)));
    }

    /// <summary>
    /// Takes an erased learner out of the records their organizations hold (ids, external id, email), and returns an
    /// ERASURE tombstone for each enrollment of theirs that has records and none yet, to save with <see cref="SaveAsync"/>
    /// in the erasure's transaction: the organizations' systems, which read the earlier records already, learn to delete them.
    /// </summary>
    public static async Task<List<LearningRecord>> ForgetAsync(LearnerDbContext db, Guid learnerId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.LearnerId == learnerId).ToListAsync(cancellationToken);
        var enrollmentIds = enrollments.Select(e => e.Id).ToList();
        await db.LearningRecords.Where(r => enrollmentIds.Contains(r.EnrollmentId) && r.LearnerId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LearnerId, (Guid?)null).SetProperty(r => r.ExternalId, (string?)null).SetProperty(r => r.Email, (string?)null),
                cancellationToken);
        var told = await db.LearningRecords.AsNoTracking().Where(r => enrollmentIds.Contains(r.EnrollmentId))
            .Select(r => new { r.EnrollmentId, r.OrganizationId, Erased = r.Kind == LearningRecordKind.Erasure }).Distinct().ToListAsync(cancellationToken);
        var erased = told.Where(t => t.Erased).Select(t => t.EnrollmentId).ToHashSet();
        return [.. told.Where(t => !erased.Contains(t.EnrollmentId)).DistinctBy(t => t.EnrollmentId)
            .Select(t => LearningRecord.For(enrollments.Single(e => e.Id == t.EnrollmentId), t.OrganizationId, LearningRecordKind.Erasure, now))];
    }

    /// <summary>Works out the share complete of the records whose writer did not know it, from the outlines and progress documents.</summary>
    private async Task FillProgressAsync(LearnerDbContext db, List<LearningRecord> records, CancellationToken cancellationToken)
    {
        var pending = records.Where(r => r.ProgressPending).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var courseIds = pending.Select(r => r.CourseId).Distinct().ToList();
        var outlines = await db.Outlines.AsNoTracking().Where(o => courseIds.Contains(o.CourseId)).ToDictionaryAsync(o => o.CourseId, cancellationToken);
        var documents = (await _progress.FindAsync(DocumentFilter.In("enrollmentId", pending.Select(r => (object?)r.EnrollmentId).Distinct()),
            cancellationToken: cancellationToken)).ToDictionary(p => p.EnrollmentId);
        foreach (var record in pending)
        {
            record.ProgressFound(outlines.GetValueOrDefault(record.CourseId) is { } outline
                ? CourseProgressView.Of(outline, documents.GetValueOrDefault(record.EnrollmentId)).CompletedShare
                : 0);
        }
    }

    /// <summary>
    /// Names each learner as their organization knows them: the external id and email of their program memberships
    /// (what the writer gave stays when none is left: a member on their way out).
    /// </summary>
    private static async Task FillMembersAsync(LearnerDbContext db, List<LearningRecord> records, CancellationToken cancellationToken)
    {
        var named = records.Where(r => r.LearnerId is not null).ToList();
        if (named.Count == 0)
        {
            return;
        }

        var organizationIds = named.Select(r => r.OrganizationId).Distinct().ToList();
        var learnerIds = named.Select(r => r.LearnerId!.Value).Distinct().ToList();
        var memberships = await db.ProgramMemberships.AsNoTracking()
            .Where(m => organizationIds.Contains(m.OrganizationId) && m.UserId != null && learnerIds.Contains(m.UserId.Value))
            .OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        var byMember = memberships.ToLookup(m => (m.OrganizationId, m.UserId!.Value));
        foreach (var record in named)
        {
            var theirs = byMember[(record.OrganizationId, record.LearnerId!.Value)].ToList();
            record.ExternalId = theirs.Select(m => m.ExternalId).FirstOrDefault(id => id is not null) ?? record.ExternalId;
            record.Email = theirs.Select(m => m.Email).FirstOrDefault(email => email is not null) ?? record.Email;
        }
    }

    /// <summary>The last record of each of these records' (enrollment, item).</summary>
    private static async Task<Dictionary<(Guid EnrollmentId, Guid ItemId), LearningRecord>> LastItemRecordsAsync(LearnerDbContext db, List<LearningRecord> items,
        CancellationToken cancellationToken)
    {
        var enrollmentIds = items.Select(r => r.EnrollmentId).Distinct().ToList();
        var itemIds = items.Select(r => r.ItemId!.Value).Distinct().ToList();
        var found = await db.LearningRecords.AsNoTracking()
            .Where(r => enrollmentIds.Contains(r.EnrollmentId) && r.ItemId != null && itemIds.Contains(r.ItemId.Value)).ToListAsync(cancellationToken);
        return found.GroupBy(r => (r.EnrollmentId, r.ItemId!.Value)).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Seq)!);
    }
}
