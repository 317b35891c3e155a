using Coursera.Assessment.Attempts;
using Coursera.Assessment.Model;
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
        Field<NonNullGraphType<FloatGraphType>>("weight").Description("The item's weight in the course grade, relative to the other graded items'.")
            .Resolve(c => c.Source.Weight);
        Field<IntGraphType>("publishedVersion").Description("The version attempts are made with; null until published.")
            .Resolve(c => c.Source.Published?.Number);
        Field<NonNullGraphType<IntGraphType>>("latestVersion").Resolve(c => c.Source.Latest.Number);
        Field<AttemptPolicyType>("policy").Description("The published version's rules; the draft's for its authors before publishing.")
            .Resolve(c => (c.Source.Published ?? (AuthoringAccess.CanAuthor(c.Caller(), c.Source.PartnerId) ? c.Source.Latest : null))?.Policy);
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
        Field<ItemGradeType>("viewerGrade").Description("The signed-in learner's kept grade, once an attempt is graded.")
            .ResolveAsync(async c => c.Caller().UserId is { } learner
                && await c.Service<AssessmentLoaders>().GradesOf(learner).Load(c.Source.ItemId).GetResultAsync(c.CancellationToken) is { } grade
                    ? new ItemGradeView(grade.Score, grade.Passed)
                    : null);
    }

    private static async Task<AttemptRules.Availability?> AvailabilityAsync(GraphQL.IResolveFieldContext<ItemAssessment> c)
    {
        if (c.Caller().UserId is not { } learner || c.Source.Published is not { } version)
        {
            return null;
        }

        var loaders = c.Service<AssessmentLoaders>();
        var attemptsPending = loaders.AttemptsOf(learner).Load(c.Source.Id);
        var extraPending = loaders.ExtraAttemptsOf(learner).Load(c.Source.Id);
        var attempts = await attemptsPending.GetResultAsync(c.CancellationToken);
        return AttemptRules.Check(version.Policy, [.. attempts.Select(a => (a.StartedAt, a.SubmittedAt))], await extraPending.GetResultAsync(c.CancellationToken),
            c.Service<TimeProvider>().GetUtcNow().UtcDateTime);
    }
}
