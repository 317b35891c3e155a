using Coursera.Assessment.Attempts;
using Coursera.Assessment.Authoring;
using Coursera.Assessment.Overrides;
using Coursera.Assessment.Regrading;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Assessment.Subgraph;

/// <summary>Authoring assessments and taking them: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class AssessmentMutation : ObjectGraphType
{
    public AssessmentMutation()
    {
        Name = "Mutation";
        this.Mutation<CreateAssessmentPayloadType, CreateAssessmentInput, AssessmentAuthoring>("createAssessment",
            "Attaches an assessment to a QUIZ item, as a draft (the course's partner staff and API clients with catalog:write).",
            async (s, i, c, ct) => await s.CreateAsync(i, c, ct));
        this.Mutation<UpdateAssessmentPayloadType, UpdateAssessmentInput, AssessmentAuthoring>("updateAssessment",
            "Changes the draft; changing a published assessment starts its next version as a draft.",
            async (s, i, c, ct) => await s.UpdateAsync(i, c, ct));
        this.Mutation<PublishAssessmentPayloadType, PublishAssessmentInput, AssessmentAuthoring>("publishAssessment",
            "Publishes the newest version: new attempts use it; it never changes again.",
            async (s, i, c, ct) => await s.PublishAsync(i, c, ct));
        this.Mutation<RegradeAssessmentPayloadType, RegradeAssessmentInput, Regrader>("regradeAssessment",
            "Re-scores every graded attempt with the newest published version's answer keys: a dry run lists the differences, apply stores them.",
            async (s, i, c, ct) => await s.RegradeAsync(i, c, ct));
        this.Mutation<GrantExtraAttemptsPayloadType, GrantExtraAttemptsInput, AttemptGrants>("grantExtraAttempts",
            "Gives one enrolled learner extra attempts beyond the policy (the course's authors); every grant is recorded with who gave it and why.",
            async (s, i, c, ct) => await s.GrantAsync(i, c, ct));
        this.Mutation<StartAttemptPayloadType, StartAttemptInput, Proctor>("startAttempt",
            "Starts an attempt at an item's published assessment (or returns the one in progress): enrollment and an attempt left are required.",
            async (s, i, c, ct) => await s.StartAsync(i, c, ct));
        this.Mutation<SaveAnswersPayloadType, SaveAnswersInput, Proctor>("saveAnswers",
            "Saves answers of an attempt in progress (again and again: the last one counts), until its time limit.",
            async (s, i, c, ct) => await s.SaveAnswersAsync(i, c, ct));
        this.Mutation<SubmitAttemptPayloadType, SubmitAttemptInput, Proctor>("submitAttempt",
            "Submits an attempt and grades it on the server; submitting again returns the same grade.",
            async (s, i, c, ct) => await s.SubmitAsync(i, c, ct));
    }
}
