using System.Text;

namespace Coursera.Federation.Planning;

/// <summary>
/// Where objects sit in the response: field response names, with <c>@</c> standing for "each element of a list"
/// and <c>|[Lecture]</c> for "only where the object's <c>__typename</c> is one of these" (Apollo prints its fetch
/// paths the same way). The type conditions keep apart objects that share a response path but come from different
/// fragments: under <c>... on Lecture { instructors }</c> and <c>... on Workshop { instructors }</c> the instructors
/// sit at one path, yet each fragment's fetches must take only its own (issue 19).
/// </summary>
public sealed class ResponsePath : IEquatable<ResponsePath>
{
    public static readonly ResponsePath Root = new([], []);

    private readonly string[] _segments;

    /// <summary>Per segment, the type names of a type condition; null for a field or list segment.</summary>
    private readonly string[]?[] _typeConditions;

    private ResponsePath(string[] segments, string[]?[] typeConditions) => (_segments, _typeConditions) = (segments, typeConditions);

    public IReadOnlyList<string> Segments => _segments;

    /// <summary>The type names a segment requires of the object there, or null when it is a field or list segment.</summary>
    internal IReadOnlyList<string>? TypeCondition(int index) => _typeConditions[index];

    public ResponsePath Append(string segment) => new([.. _segments, segment], [.. _typeConditions, null]);

    public ResponsePath Append(string responseName, int listDepth)
    {
        var segments = new List<string>(_segments) { responseName };
        var conditions = new List<string[]?>(_typeConditions) { null };
        for (var i = 0; i < listDepth; i++)
        {
            segments.Add("@");
            conditions.Add(null);
        }

        return new([.. segments], [.. conditions]);
    }

    /// <summary>This path, narrowed to the objects there whose type is one of <paramref name="typeNames"/>.</summary>
    public ResponsePath WithTypeCondition(IEnumerable<string> typeNames)
    {
        string[] types = [.. typeNames.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (_typeConditions.Length > 0 && _typeConditions[^1] is not null)
        {
            // A condition on a condition (a fragment inside a fragment) narrows the same objects: the inner one decides.
            return new([.. _segments[..^1], Condition(types)], [.. _typeConditions[..^1], types]);
        }

        return new([.. _segments, Condition(types)], [.. _typeConditions, types]);
    }

    /// <summary>
    /// One path for the objects of both, when they differ only in the types one condition admits (<c>|[Lecture]</c>
    /// and <c>|[Workshop]</c> give <c>|[Lecture,Workshop]</c>); otherwise null. With two differing conditions the
    /// union would admit pairs neither path reaches.
    /// </summary>
    internal static ResponsePath? Join(ResponsePath a, ResponsePath b)
    {
        if (a._segments.Length != b._segments.Length)
        {
            return null;
        }

        var differing = -1;
        for (var i = 0; i < a._segments.Length; i++)
        {
            if (a._segments[i] == b._segments[i])
            {
                continue;
            }

            if (differing >= 0 || a._typeConditions[i] is null || b._typeConditions[i] is null)
            {
                return null;
            }

            differing = i;
        }

        if (differing < 0)
        {
            return a;
        }

        string[] types = [.. a._typeConditions[differing]!.Union(b._typeConditions[differing]!).Order(StringComparer.Ordinal)];
        var segments = (string[])a._segments.Clone();
        var conditions = (string[]?[])a._typeConditions.Clone();
        segments[differing] = Condition(types);
        conditions[differing] = types;
        return new(segments, conditions);
    }

    /// <summary>The same path without type conditions: the objects it reaches include those of every condition.</summary>
    public ResponsePath WithoutTypeConditions()
    {
        var keep = Enumerable.Range(0, _segments.Length).Where(i => _typeConditions[i] is null).ToList();
        return keep.Count == _segments.Length ? this : new([.. keep.Select(i => _segments[i])], [.. keep.Select(_ => (string[]?)null)]);
    }

    public bool Equals(ResponsePath? other) => other is not null && _segments.SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as ResponsePath);

    public override int GetHashCode() => string.Join('.', _segments).GetHashCode(StringComparison.Ordinal);

    public override string ToString()
    {
        if (_segments.Length == 0)
        {
            return "(root)";
        }

        var text = new StringBuilder();
        for (var i = 0; i < _segments.Length; i++)
        {
            if (i > 0 && _typeConditions[i] is null)
            {
                text.Append('.');
            }

            text.Append(_segments[i]);
        }

        return text.ToString();
    }

    private static string Condition(string[] types) => "|[" + string.Join(',', types) + "]";
}
