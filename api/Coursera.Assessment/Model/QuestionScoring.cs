using System.Globalization;
using System.Text;

namespace Coursera.Assessment.Model;

/// <summary>
/// How an answer scores, as a share of the question's points (0 to 1). Multiple choice gives partial credit: each
/// correct choice picked earns its share, each wrong one picked takes a share back, never below 0 (so picking every
/// choice earns nothing). Ordering earns the share of items in their right place, matching the share of choices given
/// their right match. A missing answer scores 0.
/// </summary>
public static class QuestionScoring
{
    public static double Score(Question question, Answer? answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (answer is null)
        {
            return 0;
        }

        switch (question.Kind)
        {
            case QuestionKind.SingleChoice or QuestionKind.TrueFalse:
                return answer.ChoiceIds.Count == 1 && question.CorrectChoiceIds.Contains(answer.ChoiceIds[0]) ? 1 : 0;
            case QuestionKind.MultipleChoice:
                var picked = answer.ChoiceIds.ToHashSet(StringComparer.Ordinal);
                var right = picked.Count(question.CorrectChoiceIds.Contains);
                var wrong = picked.Count - right;
                var wrongChoices = Math.Max(1, question.Choices.Count - question.CorrectChoiceIds.Count);
                return Math.Max(0, ((double)right / question.CorrectChoiceIds.Count) - ((double)wrong / wrongChoices));
            case QuestionKind.Numeric:
                return answer.Number is { } number && question.NumericAnswer is { } expected
                    && Math.Abs(number - expected) <= question.Tolerance + 1e-12 ? 1 : 0;
            case QuestionKind.ShortText:
                var text = Normalize(answer.Text);
                return text.Length > 0 && question.AcceptedAnswers.Any(a => Normalize(a) == text) ? 1 : 0;
            case QuestionKind.Ordering:
                var order = question.CorrectChoiceIds;
                return order.Count == 0 ? 0 : (double)order.Where((id, i) => i < answer.ChoiceIds.Count && answer.ChoiceIds[i] == id).Count() / order.Count;
            case QuestionKind.Matching:
                var given = answer.Pairs.GroupBy(p => p.ChoiceId).ToDictionary(g => g.Key, g => g.Last().MatchId);
                return question.CorrectPairs.Count == 0
                    ? 0
                    : (double)question.CorrectPairs.Count(p => given.GetValueOrDefault(p.ChoiceId) == p.MatchId) / question.CorrectPairs.Count;
            default:
                throw new ArgumentOutOfRangeException(nameof(question), question.Kind, "Unknown question kind.");
        }
    }

    /// <summary>The score of a whole attempt: points earned over points possible.</summary>
    public static double Score(IReadOnlyList<Question> questions, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(answers);
        var possible = questions.Sum(q => q.Points);
        return possible <= 0 ? 0 : questions.Sum(q => q.Points * Score(q, answers.GetValueOrDefault(q.Id))) / possible;
    }

    /// <summary>Case, accents' composition and runs of white space do not matter in a short-text answer.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var word in text.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(builder.Length > 0 ? " " : "").Append(word.ToLower(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
