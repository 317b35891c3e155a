using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coursera.Federation.Tests.Fixtures;

/// <summary>
/// One planner/executor case read from a feature file under <c>Cases/</c> (one file per feature, as Apollo keeps
/// its query planner's). A file holds any number of cases:
/// <code>
/// # free text up to the first case
/// === the name of the case
/// federation: shop                 which purpose-built federation (Fixtures/TestFederation.cs)
/// operationName: Q                 optional
/// fail: inventory=unreachable      optional, repeatable: unreachable | throws | hangs
/// timeout: 200                     optional: the gateway's subgraph timeout in milliseconds
/// --- query
/// { ... }
/// --- variables                    optional JSON
/// --- response
/// { "data": ... }                  exact: data in the client's order; errors in any order
/// --- fetches
/// 1 catalog { topBooks { title } } the plan, one fetch a line: stage, subgraph, operation (whitespace-insensitive)
/// --- requests                     optional: the requests actually sent, when fewer than the plan's fetches
/// 1
/// </code>
/// Adding a case needs no code.
/// </summary>
internal sealed partial class FeatureCase
{
    private FeatureCase(string file, string name) => (File, Name) = (file, name);

    public string File { get; }

    public string Name { get; }

    public string Federation { get; private set; } = "";

    public string? OperationName { get; private set; }

    public Dictionary<string, SubgraphFailure> Failures { get; } = [];

    public TimeSpan? Timeout { get; private set; }

    public string Query { get; private set; } = "";

    public JsonObject? Variables { get; private set; }

    public JsonObject Response { get; private set; } = [];

    /// <summary>Null when the case does not pin the plan (a request refused before planning has none).</summary>
    public IReadOnlyList<string>? Fetches { get; private set; }

    public int? Requests { get; private set; }

    public string Id => $"{File}: {Name}";

    public override string ToString() => Id;

    public static IReadOnlyList<FeatureCase> All()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Cases");
        return [.. Directory.GetFiles(directory, "*.case").Order(StringComparer.Ordinal).SelectMany(Read)];
    }

    public static IEnumerable<FeatureCase> Read(string path)
    {
        var file = Path.GetFileName(path);
        FeatureCase? current = null;
        string? section = null;
        var text = new List<string>();
        foreach (var line in System.IO.File.ReadAllLines(path).Append("=== <end>"))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal) || line.StartsWith("--- ", StringComparison.Ordinal))
            {
                if (current is not null && section is not null)
                {
                    current.Set(section, text);
                }

                text.Clear();
                if (line.StartsWith("=== ", StringComparison.Ordinal))
                {
                    if (current is not null)
                    {
                        yield return current.Checked();
                    }

                    current = new FeatureCase(file, line[4..].Trim());
                    section = "header";
                }
                else
                {
                    section = line[4..].Trim();
                }

                continue;
            }

            text.Add(line);
        }
    }

    private void Set(string section, List<string> lines)
    {
        var body = string.Join('\n', lines).Trim();
        switch (section)
        {
            case "header":
                foreach (var line in lines.Where(l => l.Contains(':', StringComparison.Ordinal)))
                {
                    var (key, value) = (line[..line.IndexOf(':', StringComparison.Ordinal)].Trim(), line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                    switch (key)
                    {
                        case "federation":
                            Federation = value;
                            break;
                        case "operationName":
                            OperationName = value;
                            break;
                        case "fail":
                            var parts = value.Split('=', 2);
                            Failures[parts[0].Trim()] = Enum.Parse<SubgraphFailure>(parts[1].Trim(), ignoreCase: true);
                            break;
                        case "timeout":
                            Timeout = TimeSpan.FromMilliseconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        default:
                            throw new FormatException($"{Id}: unknown header '{key}'.");
                    }
                }

                break;
            case "query":
                Query = body;
                break;
            case "variables":
                Variables = JsonNode.Parse(body)!.AsObject();
                break;
            case "response":
                Response = JsonNode.Parse(body)!.AsObject();
                break;
            case "fetches":
                Fetches = [.. lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(Normalize)];
                break;
            case "requests":
                Requests = int.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                throw new FormatException($"{Id}: unknown section '--- {section}'.");
        }
    }

    private FeatureCase Checked()
    {
        if (Federation.Length == 0 || Query.Length == 0 || Response.Count == 0)
        {
            throw new FormatException($"{Id}: a case needs 'federation:', '--- query' and '--- response'.");
        }

        return this;
    }

    /// <summary>One fetch as the case file writes it: whitespace collapsed, so operations may be spaced for reading.</summary>
    public static string Normalize(string fetch) => Whitespace().Replace(fetch.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
