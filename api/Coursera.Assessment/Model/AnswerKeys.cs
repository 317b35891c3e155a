namespace Coursera.Assessment.Model;

/// <summary>
/// The keys an attempt is graded with: its own version's questions, each scored with the key of the newest published
/// version when that version still has the question (same id and kind): a corrected key applies to every grading after
/// it is published, by a submit or by a regrade. A question the newest version dropped keeps its own key.
/// </summary>
public static class AnswerKeys
{
    public static List<Question> For(IEnumerable<Question> own, AssessmentVersion? newest)
    {
        ArgumentNullException.ThrowIfNull(own);
        return [.. own.Select(q => newest?.Questions.FirstOrDefault(k => k.Id == q.Id && k.Kind == q.Kind) ?? q)];
    }
}
