using Coursera.Assessment.Attempts;
using Coursera.Assessment.Authoring;
using Coursera.Assessment.Gradebook;
using Coursera.Assessment.Overrides;
using Coursera.Assessment.PeerGrading;
using Coursera.Assessment.Programming;
using Coursera.Assessment.Regrading;
using Coursera.Assessment.Schedules;
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
            "Attaches an assessment to a QUIZ, ASSIGNMENT or PEER_REVIEW item, as a draft (the course's partner staff and API clients with catalog:write).",
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
        this.Mutation<GrantExtensionPayloadType, GrantExtensionInput, AttemptGrants>("grantExtension",
            "Gives one enrolled learner a deadline of their own and/or extra time on each attempt (the course's authors); recorded with who gave it and why.",
            async (s, i, c, ct) => await s.ExtendAsync(i, c, ct));
        this.Mutation<SetGradeGroupPayloadType, SetGradeGroupInput, GradeGroups>("setGradeGroup",
            "Sets how many of a grade group's lowest grades a course's grade drops (the course's authors); assessments join a group by their group.",
            async (s, i, c, ct) => await s.SetAsync(i, c, ct));
        this.Mutation<StartAttemptPayloadType, StartAttemptInput, Proctor>("startAttempt",
            "Starts an attempt at an item's published assessment (or returns the one in progress): enrollment and an attempt left are required.",
            async (s, i, c, ct) => await s.StartAsync(i, c, ct));
        this.Mutation<SaveAnswersPayloadType, SaveAnswersInput, Proctor>("saveAnswers",
            "Saves answers of an attempt in progress (again and again: the last one counts), until its time limit.",
            async (s, i, c, ct) => await s.SaveAnswersAsync(i, c, ct));
        this.Mutation<SubmitAttemptPayloadType, SubmitAttemptInput, Proctor>("submitAttempt",
            "Submits an attempt: a quiz is graded at once, a programming assignment's files go to its grader, peer-graded work to review; submitting again returns the same attempt.",
            async (s, i, c, ct) => await s.SubmitAsync(i, c, ct));
        this.Mutation<ResetSchedulePayloadType, ResetScheduleInput, PersonalSchedules>("resetSchedule",
            "Moves the signed-in learner's personal deadlines in a course forward once they missed one: the earliest missed is due a week from now, the rest keep their spacing; progress stays.",
            async (s, i, c, ct) => await s.ResetAsync(i, c, ct));
        this.Mutation<RequestPeerReviewPayloadType, RequestPeerReviewInput, PeerReviewing>("requestPeerReview",
            "Hands you a peer's submission to review (the one that needs reviews most), or the review you have under way; submit your own work first.",
            async (s, i, c, ct) => await s.RequestAsync(i, c, ct));
        this.Mutation<SubmitPeerReviewPayloadType, SubmitPeerReviewInput, PeerReviewing>("submitPeerReview",
            "Completes a review handed to you: one level per rubric criterion, and a comment.",
            async (s, i, c, ct) => await s.SubmitAsync(i, c, ct));
        this.Mutation<ReviewSubmissionPayloadType, ReviewSubmissionInput, PeerReviewing>("reviewSubmission",
            "A staff review of peer-graded work (the course's authors): it decides the grade alone, at once, or replaces the grade given.",
            async (s, i, c, ct) => await s.ReviewAsStaffAsync(i, c, ct));
        this.Mutation<LeaseGradingJobPayloadType, LeaseGradingJobInput, GradingLeases>("leaseGradingJob",
            "Grading workers (API clients with grading:work): takes the oldest programming submission waiting for its grader, for a while; job is null when none waits.",
            async (s, i, c, ct) => await s.LeaseAsync(i, c, ct));
        this.Mutation<CompleteGradingJobPayloadType, CompleteGradingJobInput, GradingLeases>("completeGradingJob",
            "Grading workers: posts the grader's score and feedback for a leased job; the submission is graded and its grade kept.",
            async (s, i, c, ct) => await s.CompleteAsync(i, c, ct));
        this.Mutation<FailGradingJobPayloadType, FailGradingJobInput, GradingLeases>("failGradingJob",
            "Grading workers: gives a leased job back when the grader could not be run; it is leased again after a pause.",
            async (s, i, c, ct) => await s.FailAsync(i, c, ct));
    }
}
