using System.Text;

namespace Coursera.Federation.SchemaChanges;

/// <summary>
/// The outcome of a schema check: every change, and whether it may ship. It fails on a breaking change nobody
/// acknowledged (<see cref="SchemaChangeAcknowledgements"/>); dangerous and safe changes are shown, never fatal.
/// </summary>
public sealed class SchemaChangeReport(IReadOnlyList<SchemaChange> changes, SchemaChangeAcknowledgements acknowledged)
{
    public IReadOnlyList<SchemaChange> Changes { get; } = changes;

    public IReadOnlyList<SchemaChange> UnacknowledgedBreaking { get; } =
        [.. changes.Where(c => c.Severity == SchemaChangeSeverity.Breaking && !acknowledged.Covers(c))];

    public bool Passes => UnacknowledgedBreaking.Count == 0;

    /// <summary>A plain-text table, one change a row, breaking first, then a one-line verdict.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        if (Changes.Count == 0)
        {
            return "No schema changes.\n";
        }

        var rows = Changes.Select(c => (Severity: Label(c), c.Code, c.Path, c.Message)).ToList();
        var widths = (Severity: Math.Max(8, rows.Max(r => r.Severity.Length)), Code: Math.Max(4, rows.Max(r => r.Code.Length)),
            Path: Math.Max(4, rows.Max(r => r.Path.Length)));
        Row(text, widths, "SEVERITY", "CODE", "PATH", "DESCRIPTION");
        Row(text, widths, new string('-', widths.Severity), new string('-', widths.Code), new string('-', widths.Path), "-----------");
        foreach (var row in rows)
        {
            Row(text, widths, row.Severity, row.Code, row.Path, row.Message);
        }

        var count = (SchemaChangeSeverity severity) => Changes.Count(c => c.Severity == severity);
        text.Append('\n').Append($"{count(SchemaChangeSeverity.Breaking)} breaking ({count(SchemaChangeSeverity.Breaking) - UnacknowledgedBreaking.Count} acknowledged), ")
            .Append($"{count(SchemaChangeSeverity.Dangerous)} dangerous, {count(SchemaChangeSeverity.Safe)} safe.\n");
        if (!Passes)
        {
            text.Append("Unacknowledged breaking changes; if they are intended, list them in the acknowledgements file:\n");
            foreach (var change in UnacknowledgedBreaking)
            {
                text.Append("  ").Append(change.Id).Append('\n');
            }
        }

        return text.ToString();
    }

    private string Label(SchemaChange change) => change.Severity switch
    {
        SchemaChangeSeverity.Breaking => UnacknowledgedBreaking.Contains(change) ? "BREAKING" : "BREAKING (acknowledged)",
        SchemaChangeSeverity.Dangerous => "DANGEROUS",
        _ => "SAFE",
    };

    private static void Row(StringBuilder text, (int Severity, int Code, int Path) widths, string severity, string code, string path, string message) =>
        text.Append(severity.PadRight(widths.Severity)).Append("  ").Append(code.PadRight(widths.Code)).Append("  ")
            .Append(path.PadRight(widths.Path)).Append("  ").Append(message).Append('\n');
}
