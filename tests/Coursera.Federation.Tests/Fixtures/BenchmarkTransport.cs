using System.Text.Json.Nodes;
using Coursera.Federation.BenchmarkFederation;
using Coursera.Federation.Execution;

namespace Coursera.Federation.Tests.Fixtures;

/// <summary>Reaches the four benchmark subgraphs in process, through their real GraphQL.NET executors.</summary>
internal sealed class BenchmarkTransport(BenchmarkSubgraphs subgraphs) : ISubgraphTransport
{
    public List<(string Subgraph, string Query)> Requests { get; } = [];

    public async Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((subgraph, request.Query));
        }

        var body = new JsonObject { ["query"] = request.Query, ["variables"] = request.Variables.DeepClone() };
        var response = await subgraphs.ExecuteAsync(subgraph, body.ToJsonString(), cancellationToken);
        return JsonNode.Parse(response)!.AsObject();
    }
}
