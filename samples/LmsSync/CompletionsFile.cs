using System.Globalization;

namespace LmsSync;

/// <summary>
/// The LMS's side of the sync: one CSV row per completion (of an item or a whole course). Each row keeps the cursor of
/// the record it came from, so a record read again after a crash (handled, but its cursor not yet saved) is not added twice.
/// </summary>
public sealed class CompletionsFile
{
    private static readonly string Header = Csv.Format(["cursor", "occurredAt", "enrollmentId", "externalId", "email", "courseId", "course", "itemId", "item", "kind", "state", "score"]);
    private const int CursorColumn = 0;
    private const int EnrollmentColumn = 2;

    private readonly HashSet<string> _cursors;

    public CompletionsFile(string path)
    {
        Path = path;
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Header + Environment.NewLine);
        }

        _cursors = [.. Rows().Select(r => r[CursorColumn])];
    }

    public string Path { get; }

    /// <summary>A whole course completed, or an item completed or passed.</summary>
    public static bool IsCompletion(LearningRecord record) =>
        record.Kind == "COMPLETION" || (record.Kind is "PROGRESS" or "GRADE" && record.ItemState is "COMPLETED" or "PASSED");

    /// <returns>Whether the row is new.</returns>
    public bool Append(LearningRecord record, string course, string? item)
    {
        if (!_cursors.Add(record.Cursor))
        {
            return false;
        }

        File.AppendAllText(Path, Csv.Format([
            record.Cursor, record.OccurredAt.ToString("O", CultureInfo.InvariantCulture), record.EnrollmentId.ToString(), record.ExternalId,
            record.Email, record.CourseId.ToString(), course, record.ItemId?.ToString(), item, record.Kind, record.ItemState ?? record.State,
            record.Score?.ToString(CultureInfo.InvariantCulture),
        ]) + Environment.NewLine);
        return true;
    }

    /// <summary>A tombstone: the enrollment was withdrawn or the learner erased; nothing of it may stay.</summary>
    /// <returns>How many rows were removed.</returns>
    public int RemoveEnrollment(Guid enrollmentId)
    {
        var rows = Rows().ToList();
        var kept = rows.Where(r => r[EnrollmentColumn] != enrollmentId.ToString()).ToList();
        if (kept.Count < rows.Count)
        {
            // A new file moved over the old one, so a crash mid-write loses no row.
            File.WriteAllLines(Path + ".tmp", [Header, .. kept.Select(r => Csv.Format(r))]);
            File.Move(Path + ".tmp", Path, overwrite: true);
        }

        return rows.Count - kept.Count;
    }

    private IEnumerable<List<string>> Rows() =>
        File.ReadLines(Path).Skip(1).Where(l => l.Length > 0).Select(Csv.Parse);
}
