using Coursera.Assessment.Model;

namespace Coursera.Assessment.Attempts;

/// <summary>
/// An attempt as its learner sees it: its questions as drawn for it, the answers saved, and, once graded and when the
/// policy allows, each question's score, correct answer and explanation.
/// </summary>
/// <param name="Version">The version the attempt was made with: its policy says when answers show.</param>
/// <param name="Keys">The version whose keys graded it (a regrade's, when there was one).</param>
public sealed record AttemptView(Attempt Attempt, AttemptContent Content, AssessmentVersion Version, AssessmentVersion Keys)
{
    /// <summary>The server's time when the view was made: answers shown after the deadline depend on it.</summary>
    public DateTime Now { get; init; }

    public bool ShowsAnswers => Attempt.State == AttemptState.Graded && Version.Policy.ShowAnswers switch
    {
        AnswerDisclosure.AfterSubmit => true,
        AnswerDisclosure.AfterPassing => Attempt.Passed == true,
        AnswerDisclosure.AfterDeadline => Version.Policy.Deadline is { } deadline && Now > deadline,
        _ => false,
    };

    public IEnumerable<AttemptQuestionView> Questions => Content.Questions.Select(q =>
    {
        var answer = Content.Answers.GetValueOrDefault(q.Id);
        var key = Keys.Questions.FirstOrDefault(k => k.Id == q.Id && k.Kind == q.Kind) ?? Version.Questions.Single(k => k.Id == q.Id);

        // A question's score tells which answers were right: it shows only where the answers do.
        return ShowsAnswers ? new AttemptQuestionView(q, answer, QuestionScoring.Score(key, answer), key) : new AttemptQuestionView(q, answer, null, null);
    });
}

/// <summary>One question of an attempt; <see cref="Key"/> only when the answers may be shown.</summary>
public sealed record AttemptQuestionView(AttemptQuestion Question, Answer? Answer, double? Score, Question? Key);
