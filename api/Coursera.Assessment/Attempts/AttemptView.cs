using Coursera.Assessment.Model;

namespace Coursera.Assessment.Attempts;

/// <summary>
/// An attempt as its learner sees it: its questions as drawn for it, the answers saved, and, once graded and when the
/// policy allows, each question's score, correct answer and explanation.
/// </summary>
public sealed record AttemptView(Attempt Attempt, AttemptContent Content, AssessmentVersion Version)
{
    public bool ShowsAnswers => Attempt.State == AttemptState.Graded && Version.Policy.ShowAnswers switch
    {
        AnswerDisclosure.AfterSubmit => true,
        AnswerDisclosure.AfterPassing => Attempt.Passed == true,
        _ => false,
    };

    public IEnumerable<AttemptQuestionView> Questions => Content.Questions.Select(q =>
    {
        var answer = Content.Answers.GetValueOrDefault(q.Id);
        var key = Version.Questions.Single(k => k.Id == q.Id);
        return new AttemptQuestionView(q, answer, Attempt.State == AttemptState.Graded ? QuestionScoring.Score(key, answer) : null,
            ShowsAnswers ? key : null);
    });
}

/// <summary>One question of an attempt; <see cref="Key"/> only when the answers may be shown.</summary>
public sealed record AttemptQuestionView(AttemptQuestion Question, Answer? Answer, double? Score, Question? Key);
