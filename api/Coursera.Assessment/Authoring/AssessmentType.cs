using Coursera.Assessment.Attempts;
using Coursera.Assessment.Model;
using Coursera.Assessment.PeerGrading;
using Coursera.Assessment.Programming;
using Coursera.Assessment.Statistics;
using Coursera.Assessment.Subgraph;
using Coursera.Subgraphs;
using GraphQL.Types;

namespace Coursera.Assessment.Authoring;

/// <summary>
/// An item's assessment. Learners see the published version's policy and their own attempts; the course's authors
/// also see the questions with their answer keys (of the newest version, draft or not).
/// </summary>
public sealed class AssessmentType : ObjectGraphType<ItemAssessment>
{
    public AssessmentType()
    {
        Name = "Assessment";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<AssessmentKindType>>("kind").Description("QUIZ, ASSIGNMENT (graded by a grader program) or PEER_REVIEW.")
            .Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<FloatGraphType>>("weight").Description("The item's weight in the course grade, relative to the other graded items'.")
            .Resolve(c => c.Source.Weight);
        Field<StringGraphType>("group").Description("The course's grade group the item belongs to.").Resolve(c => c.Source.Group);
        Field<IntGraphType>("publishedVersion").Description("The version attempts are made with; null until published.")
            .Resolve(c => c.Source.Published?.Number);
        Field<NonNullGraphType<IntGraphType>>("latestVersion").Resolve(c => c.Source.Latest.Number);
        Field<AttemptPolicyType>("policy").Description("The published version's rules; the draft's for its authors before publishing.")
            .Resolve(c => Shown(c)?.Policy);
        Field<GraderType>("grader").Description("A programming assignment's grader and limits; its program for the course's authors only.")
            .Resolve(c => Shown(c)?.Grader is { } grader
                ? AuthoringAccess.CanAuthor(c.Caller(), c.Source.PartnerId) ? grader : grader with { Script = "" }
                : null);
        Field<PeerReviewSetupType>("peerReview").Description("Peer-graded work's instructions, rubric and review rules.")
            .Resolve(c => Shown(c)?.PeerReview);
        Field<ViewerPeerReviewType>("viewerPeerReview").Description("The signed-in learner's reviews of others' work (peer-graded work only).")
            .ResolveAsync(async c => c.Source.Kind == AssessmentKind.PeerReview && c.Caller().UserId is { } learner
                ? await c.Service<PeerReviewing>().ViewerAsync(c.Source, learner, c.CancellationToken)
                : null);
        Field<ListGraphType<NonNullGraphType<PeerSubmissionType>>>("peerReviewQueue")
            .Description("Work still in review past its relax time, for the course's staff to review (null for anyone else).")
            .ResolveAsync(async c => c.Source.Kind == AssessmentKind.PeerReview && AuthoringAccess.CanAuthor(c.Caller(), c.Source.PartnerId)
                ? await c.Service<PeerReviewing>().QueueAsync(c.Source, c.CancellationToken)
                : null);
        Field<NonNullGraphType<IntGraphType>>("questionCount").Resolve(c => (c.Source.Published ?? c.Source.Latest).Questions.Count);
        Field<ListGraphType<NonNullGraphType<QuestionType>>>("questions")
            .Description("The newest version's questions with their answer keys: the course's authors only (null for anyone else).")
            .Resolve(c => AuthoringAccess.CanAuthor(c.Caller(), c.Source.PartnerId) ? c.Source.Latest.Questions : null);
        Field<AssessmentStatisticsType>("statistics")
            .Description("Attempts, learners, mean score, pass rate and per-question difficulty: the course's authors only (null for anyone else).")
            .ResolveAsync(async c => AuthoringAccess.CanAuthor(c.Caller(), c.Source.PartnerId)
                ? await c.Service<AssessmentStatistics>().ForAsync(c.Source, c.CancellationToken)
                : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AttemptSummaryType>>>>("viewerAttempts")
            .Description("The signed-in learner's attempts, oldest first.")
            .ResolveAsync(async c => c.Caller().UserId is { } learner
                ? await c.Service<AssessmentLoaders>().AttemptsOf(learner).Load(c.Source.Id).GetResultAsync(c.CancellationToken)
                : []);
        Field<IntGraphType>("viewerAttemptsRemaining").Description("Attempts the signed-in learner has left in all; null when unlimited.")
            .ResolveAsync(async c => (await AvailabilityAsync(c))?.Remaining);
        Field<DateTimeGraphType>("viewerNextAttemptAvailableAt")
            .Description("When the signed-in learner may start the next attempt, if not now (a window, a cooldown).")
            .ResolveAsync(async c => (await AvailabilityAsync(c))?.NextAvailableAt is { } next && next > c.Service<TimeProvider>().GetUtcNow().UtcDateTime
                ? next
                : null);
        Field<DateTimeGraphType>("viewerDeadline")
            .Description("The signed-in learner's deadline: their extension's, else the policy's hard deadline (later work loses the late penalty), else their personal schedule's (it costs nothing).")
            .ResolveAsync(ViewerDeadlineAsync);
        Field<ItemGradeType>("viewerGrade").Description("The signed-in learner's kept grade, once an attempt is graded.")
            .ResolveAsync(async c => c.Caller().UserId is { } learner
                && await c.Service<AssessmentLoaders>().GradesOf(learner).Load(c.Source.ItemId).GetResultAsync(c.CancellationToken) is { } grade
                    ? new ItemGradeView(grade.Score, grade.Passed)
                    : null);
    }

    /// <summary>The version learners see (the published one), or the draft for its authors before publishing.</summary>
    private static AssessmentVersion? Shown(GraphQL.IResolveFieldContext<ItemAssessment> c) =>
        c.Source.Published ?? (AuthoringAccess.CanAuthor(c.Caller(), c.Source.PartnerId) ? c.Source.Latest : null);

    private static async Task<object?> ViewerDeadlineAsync(GraphQL.IResolveFieldContext<ItemAssessment> c)
    {
        if (c.Caller().UserId is not { } learner || c.Source.Published is not { } version)
        {
            return null;
        }

        var loaders = c.Service<AssessmentLoaders>();
        var termsPending = loaders.TermsOf(learner).Load(c.Source.Id);
        var startPending = version.Policy.DueDaysAfterEnrollment is not null ? loaders.ScheduleStartOf(learner).Load(c.Source.CourseId) : null;
        if ((await termsPending.GetResultAsync(c.CancellationToken)).DeadlineUnder(version.Policy) is { } deadline)
        {
            return deadline;
        }

        return startPending is not null && await startPending.GetResultAsync(c.CancellationToken) is { } start
            ? start.AddDays(version.Policy.DueDaysAfterEnrollment!.Value)
            : null;
    }

    private static async Task<AttemptRules.Availability?> AvailabilityAsync(GraphQL.IResolveFieldContext<ItemAssessment> c)
    {
        if (c.Caller().UserId is not { } learner || c.Source.Published is not { } version)
        {
            return null;
        }

        var loaders = c.Service<AssessmentLoaders>();
        var attemptsPending = loaders.AttemptsOf(learner).Load(c.Source.Id);
        var termsPending = loaders.TermsOf(learner).Load(c.Source.Id);
        var attempts = await attemptsPending.GetResultAsync(c.CancellationToken);
        return AttemptRules.Check(version.Policy, AttemptRules.Counted(attempts), (await termsPending.GetResultAsync(c.CancellationToken)).ExtraAttempts,
            c.Service<TimeProvider>().GetUtcNow().UtcDateTime);
    }
}
