namespace Coursera.Federation.SchemaChanges;

/// <summary>
/// Breaking changes a team has decided to ship, one <see cref="SchemaChange.Id"/> a line (<c>FIELD_REMOVED Course.title</c>),
/// <c>#</c> starting a comment. Kept in a reviewed file beside the change, so that accepting a break is a visible decision
/// rather than a switch on the command line.
/// </summary>
public sealed class SchemaChangeAcknowledgements
{
    private readonly HashSet<string> _ids;

    private SchemaChangeAcknowledgements(HashSet<string> ids) => _ids = ids;

    public static SchemaChangeAcknowledgements None { get; } = new([]);

    public int Count => _ids.Count;

    public static SchemaChangeAcknowledgements Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return new([.. lines
            .Select(line => (line.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? line[..hash] : line).Trim())
            .Where(line => line.Length > 0)
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))]);
    }

    public bool Covers(SchemaChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return _ids.Contains(change.Id);
    }
}
