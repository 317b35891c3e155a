using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Composition;
using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

/// <summary>
/// The fetches an operation needs, in stages: the fetches of a stage run in parallel, each stage after the one
/// before. Within a stage, the entity fetches to one subgraph share one request.
/// </summary>
public sealed class QueryPlan
{
    internal QueryPlan(Supergraph supergraph, GraphQLDocument document, GraphQLOperationDefinition operation, IReadOnlyList<IReadOnlyList<PlannedFetch>> stages)
    {
        Supergraph = supergraph;
        Document = document;
        Operation = operation;
        Stages = stages;
    }

    public Supergraph Supergraph { get; }

    public GraphQLDocument Document { get; }

    public GraphQLOperationDefinition Operation { get; }

    public IReadOnlyList<IReadOnlyList<PlannedFetch>> Stages { get; }

    /// <summary>Where the operation meets the supergraph's authorization directives: found once, checked per request.</summary>
    internal Authorization.ProtectedSelections Protected => _protected ??= Authorization.ProtectedSelections.Find(Supergraph, Document, Operation);

    private Authorization.ProtectedSelections? _protected;

    public IEnumerable<PlannedFetch> Fetches => Stages.SelectMany(s => s);

    /// <summary>Subgraph requests per client request: a figure we publish.</summary>
    public int FetchCount => Stages.Sum(s => s.Count);

    /// <summary>The plan as the mature routers print it: Sequence, Parallel, Flatten and Fetch nodes.</summary>
    public JsonObject ToJson()
    {
        var sequence = new JsonArray();
        foreach (var stage in Stages)
        {
            var nodes = stage.Select(Node).ToList();
            sequence.Add(nodes.Count == 1 ? nodes[0] : new JsonObject { ["kind"] = "Parallel", ["nodes"] = new JsonArray([.. nodes]) });
        }

        return new JsonObject
        {
            ["kind"] = "QueryPlan",
            ["fetchCount"] = FetchCount,
            ["node"] = sequence.Count == 1 ? sequence[0]!.DeepClone() : new JsonObject { ["kind"] = "Sequence", ["nodes"] = sequence },
        };
    }

    public override string ToString() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Node(PlannedFetch fetch)
    {
        var node = new JsonObject
        {
            ["kind"] = "Fetch",
            ["subgraph"] = fetch.Subgraph,
            ["operation"] = fetch.OperationText,
        };
        return fetch.IsEntityFetch
            ? new JsonObject { ["kind"] = "Flatten", ["paths"] = new JsonArray([.. fetch.Entities.Select(e => (JsonNode)$"{e.Path} ({e.Type.Name})")]), ["node"] = node }
            : node;
    }
}
