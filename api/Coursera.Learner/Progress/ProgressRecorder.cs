using Coursera.Documents;
using Coursera.Events.Outbox;
using Coursera.Learner.Certificates;
using Coursera.Learner.Data;
using Coursera.Learner.Enrollments;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Learner.Progress;

/// <summary>
/// Records what a learner's client reports about an item, and the grades the assessment service posts, in the
/// enrollment's progress document (levels and scores only rise, so the order of reports does not matter), and
/// completes the enrollment (issuing its certificate on the PAID and ENTERPRISE tracks) when the
/// last required item is done (graded items: passed): once, however many reports race. For an ENTERPRISE enrollment,
/// each rise of an item (started, completed, a better grade) and the completion are its organization's learning records.
/// </summary>
public sealed class ProgressRecorder(
    IDbContextFactory<LearnerDbContext> contexts,
    IDocumentStore documents,
    CertificateIssuer certificates,
    LearningRecordLog records,
    IOptions<LearnerOptions> options,
    TimeProvider clock)
{
    public const string Collection = "progress";

    public IDocumentCollection<CourseProgress> Progress { get; } = documents.Collection<CourseProgress>(LearnerDbContext.Schema, Collection);

    public async Task<RecordProgressPayload> RecordAsync(RecordProgressInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = LearnerCallers.Enrolling(caller);
        var itemId = Ids.Parse(input.ItemId, "input.itemId");
        if (input.Event == ProgressEvent.VideoPosition && input.PositionSeconds is not (>= 0 and < 1_000_000))
        {
            return RecordProgressPayload.Refused(UserError.For("INVALID_POSITION", "VIDEO_POSITION needs positionSeconds, 0 or more.", "positionSeconds"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LearnerCallers.EnsureNotErasedAsync(db, learnerId, cancellationToken);
        var (enrollment, outline) = await CurrentEnrollmentWithItemAsync(db, learnerId, itemId, cancellationToken);
        if (enrollment is null || outline is null)
        {
            return RecordProgressPayload.Refused(UserError.For("NOT_ENROLLED", "The item is not in a course you are enrolled in.", "itemId"));
        }

        // Enrolled by their organization, the learner's name is known once they are here: certificates carry it.
        if (enrollment.LearnerName.Length == 0 && caller.DisplayName is { Length: > 0 } name)
        {
            await db.Enrollments.Where(e => e.Id == enrollment.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.LearnerName, name), cancellationToken);
            enrollment.LearnerName = name;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = $"items.{itemId}";
        var level = input.Event == ProgressEvent.Completed ? ItemProgress.CompletedLevel : ItemProgress.StartedLevel;
        var position = input.PositionSeconds ?? 0;
        if (input.Event == ProgressEvent.VideoPosition
            && outline.Items.SingleOrDefault(i => i.Id == itemId)?.VideoAssetId is { } asset && Guid.TryParse(asset, out var assetId)
            && await db.VideoLengths.AsNoTracking().Where(v => v.AssetId == assetId).Select(v => (double?)v.DurationSeconds)
                .SingleOrDefaultAsync(cancellationToken) is { } duration)
        {
            // Measured against the video's real length once the media service has told it: no further than the end,
            // and most of it watched completes the lecture.
            position = Math.Min(position, duration);
            if (position >= duration * options.Value.VideoCompletionShare)
            {
                level = ItemProgress.CompletedLevel;
            }
        }

        var update = DocumentUpdate.Empty.Max($"{item}.level", level);
        if (input.Event == ProgressEvent.VideoPosition)
        {
            update = update.Max($"{item}.positionSeconds", position);
        }

        var progress = await ApplyAsync(db, enrollment, outline, itemId, update, LearningRecordKind.Progress, now, cancellationToken);
        return new RecordProgressPayload(itemId, progress.For(itemId), enrollment, []);
    }

    /// <summary>
    /// Records a grade from the assessment service (<c>grade.posted</c>) in the learner's current enrollment in the
    /// course: the best score, and a pass that may complete the course. Recording the same grade again changes nothing,
    /// so a redelivered event is harmless. The grade is kept even when the outline does not list the item yet (the
    /// catalog's <c>course.updated</c> may arrive after it): it counts once the outline does. Returns false when the
    /// learner has no current enrollment in the course to record it in.
    /// </summary>
    public async Task<bool> RecordGradeAsync(PostedGrade grade, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grade);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await LearnerCallers.IsErasedAsync(db, grade.LearnerId, cancellationToken))
        {
            return false; // graded before the erasure, posted after it: no progress or certificate is made for them again
        }

        var found = await (
                from current in db.Enrollments
                where current.LearnerId == grade.LearnerId && current.CourseId == grade.CourseId
                    && (current.State == EnrollmentState.Active || current.State == EnrollmentState.Completed)
                join known in db.Outlines on current.CourseId equals known.CourseId
                select new { current, known })
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        var (enrollment, outline) = (found.current, found.known);
        var item = $"items.{grade.ItemId}";
        var update = DocumentUpdate.Empty
            .Max($"{item}.bestScore", Math.Clamp(grade.Score, 0, 1))
            .Max($"{item}.level", grade.Passed ? ItemProgress.PassedLevel : ItemProgress.CompletedLevel);
        await ApplyAsync(db, enrollment, outline, grade.ItemId, update, LearningRecordKind.Grade, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes an item's update to the enrollment's progress document, then, in one transaction, the learning record of
    /// the item when its level or best score rose (enterprise enrollments), and the course's completion if that finished it.
    /// </summary>
    private async Task<CourseProgress> ApplyAsync(LearnerDbContext db, Enrollment enrollment, CourseOutline outline, Guid itemId, DocumentUpdate update,
        LearningRecordKind kind, DateTime now, CancellationToken cancellationToken)
    {
        var progress = await Progress.UpdateAsync(enrollment.Id.ToString(), update
                .Set("enrollmentId", enrollment.Id).Set("learnerId", enrollment.LearnerId).Set("courseId", enrollment.CourseId)
                .Set("lastActivityAt", now).Set($"items.{itemId}.updatedAt", now),
                upsert: true, cancellationToken)
            ?? throw new InvalidOperationException("An upsert returned no document.");
        var view = CourseProgressView.Of(outline, progress);
        var completes = enrollment.State == EnrollmentState.Active && view.IsComplete;
        var item = progress.For(itemId) is { } itemProgress ? LearningRecord.OfItem(enrollment, kind, itemId, itemProgress, view.CompletedShare, now) : null;
        if (item is not null && !await LearningRecordLog.ChangesItemAsync(db, item, cancellationToken))
        {
            item = null;
        }

        if (!completes && item is null)
        {
            return progress;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var completion = completes && await CompleteAsync(db, enrollment, outline, now, cancellationToken)
            ? LearningRecord.Of(enrollment, LearningRecordKind.Completion, now, view.CompletedShare)
            : null;
        await records.SaveAsync(db, [item, completion], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return progress;
    }

    /// <summary>The progress documents of these enrollments, by enrollment id.</summary>
    public async Task<IReadOnlyDictionary<Guid, CourseProgress>> ForEnrollmentsAsync(IReadOnlyCollection<Guid> enrollmentIds, CancellationToken cancellationToken)
    {
        if (enrollmentIds.Count == 0)
        {
            return new Dictionary<Guid, CourseProgress>();
        }

        var found = await Progress.FindAsync(DocumentFilter.In("enrollmentId", enrollmentIds.Cast<object?>()), cancellationToken: cancellationToken);
        return found.ToDictionary(p => p.EnrollmentId);
    }

    /// <summary>Completes the enrollment in the caller's transaction, unless a racing report did; returns whether this one did.</summary>
    private async Task<bool> CompleteAsync(LearnerDbContext db, Enrollment enrollment, CourseOutline outline, DateTime now, CancellationToken cancellationToken)
    {
        // Only the report that moves the row from ACTIVE completes it; a racing one finds it done.
        var moved = await db.Enrollments.Where(e => e.Id == enrollment.Id && e.State == EnrollmentState.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EnrollmentState.Completed).SetProperty(e => e.CompletedAt, now), cancellationToken);
        if (moved == 0)
        {
            return false;
        }

        enrollment.State = EnrollmentState.Completed;
        enrollment.CompletedAt = now;
        db.Publish(LearnerEvents.For(LearnerEvents.EnrollmentCompleted, enrollment, now));
        if (enrollment.Track is EnrollmentTrack.Paid or EnrollmentTrack.Enterprise)
        {
            certificates.Issue(db, enrollment, outline, now);
        }

        return true;
    }

    /// <summary>The learner's current (active or completed) enrollment in the course the item belongs to, with its outline.</summary>
    private static async Task<(Enrollment? Enrollment, CourseOutline? Outline)> CurrentEnrollmentWithItemAsync(
        LearnerDbContext db, Guid learnerId, Guid itemId, CancellationToken cancellationToken)
    {
        var found = await (
                from item in db.CourseItems
                where item.ItemId == itemId
                join enrollment in db.Enrollments on item.CourseId equals enrollment.CourseId
                where enrollment.LearnerId == learnerId && (enrollment.State == EnrollmentState.Active || enrollment.State == EnrollmentState.Completed)
                join outline in db.Outlines on item.CourseId equals outline.CourseId
                select new { enrollment, outline })
            .AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return (found?.enrollment, found?.outline);
    }
}

/// <summary>The item's progress after the report, and the enrollment (COMPLETED when this report finished the course).</summary>
public sealed record RecordProgressPayload(Guid? ItemId, ItemProgress? Progress, Enrollment? Enrollment, IReadOnlyList<UserError> Errors)
{
    public static RecordProgressPayload Refused(UserError error) => new(null, null, null, [error]);
}
