using Coursera.Events;

namespace Coursera.Assessment.Model;

/// <summary>
/// The assessment service's events (schemas in the event catalog), written to its outbox in the transaction of the
/// change, addressed to the course's partner and, for enterprise learners, their organization.
/// </summary>
public static class AssessmentEvents
{
    public const string Source = "assessment";
    public const string AttemptSubmitted = "attempt.submitted";
    public const string AttemptGraded = "attempt.graded";
    public const string GradePosted = "grade.posted";
    public const string GradeChanged = "grade.changed";
    public const string CourseGradePassed = "course_grade.passed";
    public const string PeerReviewAssigned = "peer_review.assigned";

    public static EventEnvelope Submitted(Attempt attempt) =>
        EventEnvelope.Create(AttemptSubmitted, Source, attempt.Id.ToString(),
            new AttemptSubmittedData(attempt.Id, attempt.AssessmentId, attempt.LearnerId, attempt.CourseId, attempt.ItemId, attempt.Number,
                attempt.SubmittedAt!.Value),
            attempt.SubmittedAt!.Value, partnerId: attempt.PartnerId, organizationId: attempt.OrganizationId);

    public static EventEnvelope Graded(Attempt attempt, DateTime gradedAt) =>
        EventEnvelope.Create(AttemptGraded, Source, attempt.Id.ToString(),
            new AttemptGradedData(attempt.Id, attempt.AssessmentId, attempt.LearnerId, attempt.CourseId, attempt.ItemId, attempt.Number,
                attempt.Score!.Value, attempt.Passed!.Value, gradedAt),
            gradedAt, partnerId: attempt.PartnerId, organizationId: attempt.OrganizationId);

    /// <summary>A review was handed to a learner; addressed as the reviewer's own submission (<paramref name="reviewersOwn"/>) is.</summary>
    public static EventEnvelope ReviewAssigned(PeerReview review, ItemAssessment assessment, Attempt reviewersOwn) =>
        EventEnvelope.Create(PeerReviewAssigned, Source, review.Id.ToString(),
            new PeerReviewAssignedData(review.Id, assessment.Id, assessment.CourseId, assessment.ItemId, review.ReviewerId!.Value, review.AssignedAt,
                review.ExpiresAt),
            review.AssignedAt, partnerId: assessment.PartnerId, organizationId: reviewersOwn.OrganizationId);

    /// <summary>A learner passed every graded item of a course, for the first time.</summary>
    public static EventEnvelope CoursePassed(CoursePass pass, Attempt attempt) =>
        EventEnvelope.Create(CourseGradePassed, Source, pass.CourseId.ToString(),
            new CourseGradePassedData(pass.LearnerId, pass.CourseId, pass.Score, pass.PassedAt),
            pass.PassedAt, partnerId: attempt.PartnerId, organizationId: attempt.OrganizationId);

    /// <summary>A kept grade moved for a reason other than a new attempt (a regrade): what it was, what it is, why.</summary>
    public static EventEnvelope Changed(ItemGrade grade, Attempt attempt, double oldScore, string reason) =>
        EventEnvelope.Create(GradeChanged, Source, grade.ItemId.ToString(),
            new GradeChangedData(grade.LearnerId, grade.CourseId, grade.ItemId, oldScore, grade.Score, grade.Passed, reason, grade.GradedAt),
            grade.GradedAt, partnerId: attempt.PartnerId, organizationId: attempt.OrganizationId);

    /// <summary>The item's kept grade changed (the existing contract the learner service completes graded items by).</summary>
    public static EventEnvelope Posted(ItemGrade grade, Attempt attempt) =>
        EventEnvelope.Create(GradePosted, Source, grade.ItemId.ToString(),
            new GradePostedData(Guid.CreateVersion7(), grade.LearnerId, grade.CourseId, grade.ItemId, grade.Score, grade.Passed, grade.GradedAt),
            grade.GradedAt, partnerId: attempt.PartnerId, organizationId: attempt.OrganizationId);
}

public sealed record CourseGradePassedData(Guid LearnerId, Guid CourseId, double Score, DateTime PassedAt);

public sealed record GradeChangedData(Guid LearnerId, Guid CourseId, Guid ItemId, double OldScore, double NewScore, bool Passed, string Reason,
    DateTime ChangedAt);

public sealed record AttemptSubmittedData(Guid AttemptId, Guid AssessmentId, Guid LearnerId, Guid CourseId, Guid ItemId, int Number, DateTime SubmittedAt);

public sealed record AttemptGradedData(Guid AttemptId, Guid AssessmentId, Guid LearnerId, Guid CourseId, Guid ItemId, int Number, double Score,
    bool Passed, DateTime GradedAt);

public sealed record GradePostedData(Guid GradeId, Guid LearnerId, Guid CourseId, Guid ItemId, double Score, bool Passed, DateTime GradedAt);

public sealed record PeerReviewAssignedData(Guid ReviewId, Guid AssessmentId, Guid CourseId, Guid ItemId, Guid ReviewerId, DateTime AssignedAt,
    DateTime ExpiresAt);
