using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Coursera.Gateway.Rest;

/// <summary>
/// A REST endpoint's fixed GraphQL operation, kept in a <c>.graphql</c> file beside the endpoint and embedded in the
/// assembly, so a reviewer reads exactly what the endpoint asks the federation for. A fragment that several operations
/// share lives in its own <c>{Name}.fragment.graphql</c> and is appended to every operation that spreads it.
/// </summary>
public sealed partial class GraphQLOperation
{
    private static readonly ConcurrentDictionary<string, GraphQLOperation> Loaded = new(StringComparer.Ordinal);

    private GraphQLOperation(string name, string document)
    {
        Name = name;
        Document = document;
    }

    /// <summary>The file name without its extension, e.g. <c>ListCourses</c>.</summary>
    public string Name { get; }

    public string Document { get; }

    /// <summary>The embedded operation <c>{name}.graphql</c> with its fragments; a missing file is a build mistake and fails loudly.</summary>
    public static GraphQLOperation Named(string name) => Loaded.GetOrAdd(name, static n =>
    {
        var document = Read($"{n}.graphql");
        var included = new HashSet<string>(StringComparer.Ordinal);
        for (var pending = Spreads(document).ToList(); pending.Count > 0;)
        {
            var fragment = pending[^1];
            pending.RemoveAt(pending.Count - 1);
            if (included.Add(fragment))
            {
                var text = Read($"{fragment}.fragment.graphql");
                document += "\n" + text;
                pending.AddRange(Spreads(text));
            }
        }

        return new GraphQLOperation(n, document);
    });

    private static IEnumerable<string> Spreads(string document) => FragmentSpread().Matches(document).Select(m => m.Groups[1].Value);

    private static string Read(string file)
    {
        using var stream = typeof(GraphQLOperation).Assembly.GetManifestResourceStream($"rest/{file}")
            ?? throw new InvalidOperationException($"No embedded REST operation rest/{file}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.\.\.\s*(?!on\b)([_A-Za-z][_0-9A-Za-z]*)")]
    private static partial Regex FragmentSpread();
}
