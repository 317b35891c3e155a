using Coursera.Assessment.Attempts;
using Coursera.Assessment.Authoring;
using Coursera.Assessment.Data;
using Coursera.Assessment.Gradebook;
using Coursera.Assessment.Model;
using Coursera.Documents;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Assessment.PeerGrading;

/// <summary>
/// Peer review of submitted work. A learner who has submitted asks for work to review and gets the submission that
/// needs reviews most (the fewest reviews done or under way, then the oldest), never their own, never one twice: as
/// long as anyone else has submitted there is something to review, so nobody is told "nothing is waiting" while
/// others wait for them. A submission's grade is decided by the setup's required reviews (or, after the relax
/// time, those it has; a staff review decides alone) and shown once its learner has given their own reviews.
/// </summary>
public sealed class PeerReviewing(IDbContextFactory<AssessmentDbContext> contexts, Proctor proctor, TimeProvider clock)
{
    public const string NotSubmitted = "NOT_SUBMITTED";
    public const string NothingToReview = "NOTHING_TO_REVIEW";
    public const string ReviewNotFound = "REVIEW_NOT_FOUND";
    public const string ReviewExpired = "REVIEW_EXPIRED";
    public const string InvalidReview = "INVALID_REVIEW";
    public const string SubmissionNotFound = "SUBMISSION_NOT_FOUND";

    public async Task<MutationPayload<PeerReviewTask>> RequestAsync(RequestPeerReviewInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reviewerId = Proctor.Learner(caller);
        var itemId = Ids.Parse(input.ItemId, "input.itemId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Versions).SingleOrDefaultAsync(a => a.ItemId == itemId, cancellationToken);
        if (assessment is not { Kind: AssessmentKind.PeerReview, Published: not null })
        {
            return MutationPayload<PeerReviewTask>.Refused(UserError.For(Proctor.AssessmentNotFound, "The item has no published peer review.", "itemId"));
        }

        var own = await db.Attempts.AsNoTracking()
            .Where(a => a.AssessmentId == assessment.Id && a.LearnerId == reviewerId && (a.State == AttemptState.InReview || a.State == AttemptState.Graded))
            .OrderByDescending(a => a.Number).FirstOrDefaultAsync(cancellationToken);
        if (own is null)
        {
            return MutationPayload<PeerReviewTask>.Refused(UserError.For(NotSubmitted, "Submit your own work before reviewing others'.", "itemId"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // One request of a reviewer at a time: two tabs asking at once get the same review, not two.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({$"{assessment.Id}/{reviewerId}"}, 0))", cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.PeerReviews.AsNoTracking()
            .Where(r => r.AssessmentId == assessment.Id && r.ReviewerId == reviewerId && r.State == PeerReviewState.Assigned && r.ExpiresAt > now)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return MutationPayload<PeerReviewTask>.Changed(await LoadTaskAsync(db, open, cancellationToken));
        }

        // Each submission's reviews done or under way are counted in one pass over the assessment's reviews (a count per
        // submission, correlated, cost a quarter of a second at 10,000 submissions: bench/peer-review.sh).
        var submission = await db.Attempts.FromSql($"""
            WITH load AS (
              SELECT r.attempt_id, count(*) AS reviews FROM assessment.peer_reviews r
              WHERE r.assessment_id = {assessment.Id} AND (r.state = 'Completed' OR r.expires_at > {now})
              GROUP BY r.attempt_id)
            SELECT a.* FROM assessment.attempts a LEFT JOIN load ON load.attempt_id = a.id
            WHERE a.assessment_id = {assessment.Id} AND a.learner_id <> {reviewerId} AND a.state IN ('InReview', 'Graded')
              AND NOT EXISTS (SELECT 1 FROM assessment.peer_reviews r WHERE r.attempt_id = a.id AND r.reviewer_id = {reviewerId})
            ORDER BY a.state = 'InReview' DESC, coalesce(load.reviews, 0), a.submitted_at
            LIMIT 1
            """).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (submission is null)
        {
            // Nothing left to review completes the learner's part, however few reviews there were to give.
            if (own.State == AttemptState.InReview)
            {
                await SettleAsync(db, [own.Id], now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return MutationPayload<PeerReviewTask>.Refused(UserError.For(NothingToReview,
                "You have reviewed every other submission there is; your grade does not wait for more.", "itemId"));
        }

        var setup = assessment.Versions.Single(v => v.Id == submission.VersionId).PeerReview!;
        var review = new PeerReview
        {
            AssessmentId = assessment.Id,
            AttemptId = submission.Id,
            ReviewerId = reviewerId,
            State = PeerReviewState.Assigned,
            AssignedAt = now,
            ExpiresAt = now.AddHours(setup.ReviewHours),
        };
        db.PeerReviews.Add(review);
        db.Publish(AssessmentEvents.ReviewAssigned(review, assessment, own));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<PeerReviewTask>.Changed(await TaskAsync(review, submission, setup, cancellationToken));
    }

    public async Task<MutationPayload<PeerReviewTask>> SubmitAsync(SubmitPeerReviewInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reviewerId = Proctor.Learner(caller);
        var id = Ids.Parse(input.ReviewId, "input.reviewId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var review = await db.PeerReviews.FromSql($"SELECT * FROM assessment.peer_reviews WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(r => r.ReviewerId == reviewerId, cancellationToken);
        if (review is null)
        {
            return MutationPayload<PeerReviewTask>.Refused(UserError.For(ReviewNotFound, "No review of yours has this id.", "reviewId"));
        }

        if (review.State == PeerReviewState.Completed)
        {
            return MutationPayload<PeerReviewTask>.Changed(await LoadTaskAsync(db, review, cancellationToken));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (review.ExpiresAt <= now)
        {
            return MutationPayload<PeerReviewTask>.Refused(UserError.For(ReviewExpired, "The time for this review ran out: ask for another.", "reviewId"));
        }

        var submission = await db.Attempts.AsNoTracking().SingleAsync(a => a.Id == review.AttemptId, cancellationToken);
        var setup = (await db.Versions.AsNoTracking().SingleAsync(v => v.Id == submission.VersionId, cancellationToken)).PeerReview!;
        if (Scores(setup, input.Scores, input.Comment) is not { } scores)
        {
            return InvalidScores();
        }

        review.State = PeerReviewState.Completed;
        review.CompletedAt = now;
        review.Scores = scores;
        review.Comment = input.Comment;
        await db.SaveChangesAsync(cancellationToken);

        // The work reviewed may now have its reviews, and the reviewer may have done their part for their own.
        var mine = await db.Attempts.AsNoTracking()
            .Where(a => a.AssessmentId == review.AssessmentId && a.LearnerId == reviewerId && a.State == AttemptState.InReview)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        await SettleAsync(db, [review.AttemptId, .. mine], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<PeerReviewTask>.Changed(await TaskAsync(review, submission, setup, cancellationToken));
    }

    /// <summary>
    /// A review by the course's staff: it decides the submission's grade alone, at once (work left without reviews,
    /// an appeal). On work graded already, it replaces the grade.
    /// </summary>
    public async Task<MutationPayload<PeerSubmissionView>> ReviewAsStaffAsync(ReviewSubmissionInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        AuthoringAccess.EnsureSignedIn(caller);
        var id = Ids.Parse(input.AttemptId, "input.attemptId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var submission = await db.Attempts.FromSql($"SELECT * FROM assessment.attempts WHERE id = {id} FOR UPDATE")
            .SingleOrDefaultAsync(a => a.State == AttemptState.InReview || a.State == AttemptState.Graded, cancellationToken);
        var version = submission is null ? null : await db.Versions.AsNoTracking().SingleAsync(v => v.Id == submission.VersionId, cancellationToken);
        if (submission is null || version?.PeerReview is not { } setup)
        {
            return MutationPayload<PeerSubmissionView>.Refused(UserError.For(SubmissionNotFound, "No peer-graded submission has this id.", "attemptId"));
        }

        AuthoringAccess.Ensure(caller, submission.PartnerId);
        if (Scores(setup, input.Scores, input.Comment) is not { } scores)
        {
            return MutationPayload<PeerSubmissionView>.Refused(UserError.For(InvalidReview,
                "Give one of each criterion's levels for every criterion of the rubric, and a comment of at most 5000 characters.", "scores"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.PeerReviews.Add(new PeerReview
        {
            AssessmentId = submission.AssessmentId,
            AttemptId = submission.Id,
            StaffReviewer = caller.Email ?? caller.Subject,
            State = PeerReviewState.Completed,
            AssignedAt = now,
            ExpiresAt = now,
            CompletedAt = now,
            Scores = scores,
            Comment = input.Comment,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (submission.State == AttemptState.InReview)
        {
            await SettleAsync(db, [submission.Id], now, cancellationToken);
        }
        else
        {
            var reviews = await db.PeerReviews.AsNoTracking().Where(r => r.AttemptId == submission.Id && r.State == PeerReviewState.Completed)
                .ToListAsync(cancellationToken);
            await GradeAsync(db, submission, setup, reviews, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<PeerSubmissionView>.Changed(await SubmissionAsync(db, submission.Id, cancellationToken));
    }

    /// <summary>
    /// Grades each submission in review whose grade is decided and whose learner has done their part (their reviews,
    /// nothing left to review, or the relax time passed), in the caller's transaction. The rows are locked in id
    /// order: two reviewers reviewing each other's work at once never wait on each other in a circle.
    /// </summary>
    public async Task SettleAsync(AssessmentDbContext db, IReadOnlyCollection<Guid> attemptIds, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = attemptIds.Distinct().Order().ToArray();
        var submissions = await db.Attempts.FromSql($"SELECT * FROM assessment.attempts WHERE id = ANY({ids}) ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        foreach (var submission in submissions.Where(s => s.State == AttemptState.InReview))
        {
            var setup = (await db.Versions.AsNoTracking().SingleAsync(v => v.Id == submission.VersionId, cancellationToken)).PeerReview!;
            var reviews = await db.PeerReviews.AsNoTracking().Where(r => r.AttemptId == submission.Id && r.State == PeerReviewState.Completed)
                .ToListAsync(cancellationToken);
            var relaxed = now >= submission.SubmittedAt!.Value.AddHours(setup.RelaxAfterHours);
            var staff = reviews.Any(r => r.ByStaff);
            var decided = staff || reviews.Count >= setup.ReviewsRequired || (relaxed && reviews.Count > 0);
            if (!decided || !(staff || relaxed || await DidTheirPartAsync(db, submission, setup, cancellationToken)))
            {
                continue;
            }

            await GradeAsync(db, submission, setup, reviews, now, cancellationToken);
        }
    }

    /// <summary>The staff queue: work in review past its relax time (with no review yet, it cannot be graded without staff).</summary>
    public async Task<IReadOnlyList<PeerSubmissionView>> QueueAsync(ItemAssessment assessment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = await db.Attempts.FromSql($"""
            SELECT a.* FROM assessment.attempts a JOIN assessment.versions v ON v.id = a.version_id
            WHERE a.assessment_id = {assessment.Id} AND a.state = 'InReview'
              AND a.submitted_at + make_interval(secs => (v.peer_review ->> 'relaxAfterHours')::float8 * 3600) <= {now}
            ORDER BY a.submitted_at
            LIMIT 200
            """).AsNoTracking().ToListAsync(cancellationToken);
        var ids = waiting.Select(a => a.Id).ToList();
        var reviews = (await db.PeerReviews.AsNoTracking().Where(r => ids.Contains(r.AttemptId) && r.State == PeerReviewState.Completed)
            .ToListAsync(cancellationToken)).ToLookup(r => r.AttemptId);
        var contents = (await proctor.Contents.FindAsync(DocumentFilter.In("attemptId", ids.Select(id => (object?)id)), cancellationToken: cancellationToken))
            .ToDictionary(c => c.AttemptId);
        return [.. waiting.Select(a => new PeerSubmissionView(a, contents.GetValueOrDefault(a.Id)?.Text ?? "", [.. reviews[a.Id]]))];
    }

    /// <summary>The reviews a learner's graded work received, without their reviewers' names.</summary>
    public async Task<IReadOnlyList<PeerReview>> ReceivedAsync(Guid attemptId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PeerReviews.AsNoTracking().Where(r => r.AttemptId == attemptId && r.State == PeerReviewState.Completed)
            .OrderBy(r => r.CompletedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The signed-in learner's part at an assessment: reviews given, reviews owed, the review under way.</summary>
    public async Task<ViewerPeerReview> ViewerAsync(ItemAssessment assessment, Guid learnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = await db.PeerReviews.AsNoTracking().Where(r => r.AssessmentId == assessment.Id && r.ReviewerId == learnerId).ToListAsync(cancellationToken);
        var open = mine.FirstOrDefault(r => r.State == PeerReviewState.Assigned && r.ExpiresAt > now);
        return new ViewerPeerReview(mine.Count(r => r.State == PeerReviewState.Completed), (assessment.Published ?? assessment.Latest).PeerReview?.ReviewsToGive ?? 0,
            open is null ? null : await LoadTaskAsync(db, open, cancellationToken));
    }

    private static async Task<bool> DidTheirPartAsync(AssessmentDbContext db, Attempt submission, PeerReviewSetup setup, CancellationToken cancellationToken)
    {
        var given = await db.PeerReviews.CountAsync(r => r.AssessmentId == submission.AssessmentId && r.ReviewerId == submission.LearnerId
            && r.State == PeerReviewState.Completed, cancellationToken);
        if (given >= setup.ReviewsToGive)
        {
            return true;
        }

        // Fewer reviews than owed are enough when there is no one else's work left that they have not reviewed.
        return !await db.Attempts.AnyAsync(a => a.AssessmentId == submission.AssessmentId && a.LearnerId != submission.LearnerId
            && (a.State == AttemptState.InReview || a.State == AttemptState.Graded)
            && !db.PeerReviews.Any(r => r.AttemptId == a.Id && r.ReviewerId == submission.LearnerId), cancellationToken);
    }

    private static async Task GradeAsync(AssessmentDbContext db, Attempt submission, PeerReviewSetup setup, IReadOnlyList<PeerReview> reviews, DateTime now,
        CancellationToken cancellationToken)
    {
        var current = await db.PublishedVersionAsync(submission.AssessmentId, cancellationToken);
        var raw = PeerScores.Score(setup, reviews) ?? 0;
        if (submission.State != AttemptState.Graded)
        {
            await ItemGrades.GradeAsync(db, submission, raw, current.Policy, current.Policy, now, cancellationToken);
            return;
        }

        // A staff review replacing the grade: the lateness is the submission's, as it was.
        submission.ScoreAs(raw, submission.LatePenalty ?? 0);
        submission.Passed = current.Policy.Passes(submission.Score.Value);
        await ItemGrades.KeepAsync(db, submission, current.Policy, now, cancellationToken);
    }

    private static Dictionary<string, double>? Scores(PeerReviewSetup setup, List<CriterionScoreInput> given, string? comment)
    {
        if (given.Select(s => s.CriterionId).Distinct(StringComparer.Ordinal).Count() != given.Count || comment?.Length > 5000)
        {
            return null;
        }

        var scores = given.ToDictionary(s => s.CriterionId, s => s.Points, StringComparer.Ordinal);
        return PeerScores.Fit(setup, scores) ? scores : null;
    }

    private static MutationPayload<PeerReviewTask> InvalidScores() =>
        MutationPayload<PeerReviewTask>.Refused(UserError.For(InvalidReview,
            "Give one of each criterion's levels for every criterion of the rubric, and a comment of at most 5000 characters.", "scores"));

    private async Task<PeerReviewTask> LoadTaskAsync(AssessmentDbContext db, PeerReview review, CancellationToken cancellationToken)
    {
        var submission = await db.Attempts.AsNoTracking().SingleAsync(a => a.Id == review.AttemptId, cancellationToken);
        var setup = (await db.Versions.AsNoTracking().SingleAsync(v => v.Id == submission.VersionId, cancellationToken)).PeerReview!;
        return await TaskAsync(review, submission, setup, cancellationToken);
    }

    private async Task<PeerReviewTask> TaskAsync(PeerReview review, Attempt submission, PeerReviewSetup setup, CancellationToken cancellationToken)
    {
        var content = await proctor.Contents.GetAsync(submission.Id.ToString(), cancellationToken);
        return new PeerReviewTask(review, content?.Text ?? "", content?.Files ?? [], setup);
    }

    private async Task<PeerSubmissionView> SubmissionAsync(AssessmentDbContext db, Guid attemptId, CancellationToken cancellationToken)
    {
        var submission = await db.Attempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
        var reviews = await db.PeerReviews.AsNoTracking().Where(r => r.AttemptId == attemptId && r.State == PeerReviewState.Completed)
            .ToListAsync(cancellationToken);
        var content = await proctor.Contents.GetAsync(attemptId.ToString(), cancellationToken);
        return new PeerSubmissionView(submission, content?.Text ?? "", reviews);
    }
}
