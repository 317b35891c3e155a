using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coursera.Federation.Composition;
using Coursera.Federation.Execution;
using Coursera.Federation.Limits;

namespace Coursera.Federation.Tests;

/// <summary>
/// Demand control from the subgraphs' own directives (Federation v2.9): <c>@cost</c> weights a field or every field of a
/// type, and <c>@listSize</c> says which arguments bound a list, what size to assume without them, and which fields of a
/// connection the size applies to. The estimate feeds the gateway's cost limit (and the per-client budget).
/// </summary>
public sealed partial class DemandControlTests
{
    private const string Courses = """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
        type Query {
          courses(limit: Int): [Course!]! @listSize(slicingArguments: ["limit"], assumedSize: 50)
          search(term: String): SearchResults @listSize(assumedSize: 5, sizedFields: ["nodes"])
          report: Report @cost(weight: 100)
          latest: Report
        }
        type SearchResults { nodes: [Course!]! related: [Course!]! }
        type Course @key(fields: "id") { id: ID! title: String syllabus: String @cost(weight: 20) }
        type Report @cost(weight: 7) { total: Int }
        """;

    private static readonly CompositionResult Composition = Composer.Compose([new SubgraphDefinition("courses", Courses, "http://courses.invalid/graphql")]);

    [Theory]
    [InlineData("{ courses(limit: 3) { id title } }", 7)] // 1 + 3 × (1 + 1)
    [InlineData("{ courses { id } }", 51)] // no slicing argument: the assumed 50
    [InlineData("{ courses(limit: 2) { syllabus } }", 41)] // 1 + 2 × 20
    [InlineData("{ search(term: \"sql\") { nodes { id } related { id } } }", 18)] // 1 + (1 + 5 × 1) + (1 + 10 × 1): only nodes is sized
    [InlineData("{ report { total } }", 101)] // the field's weight
    [InlineData("{ latest { total } }", 8)] // the type's weight
    public async Task The_cost_estimate_follows_cost_and_listSize(string query, int cost)
    {
        var supergraph = Composition.Supergraph ?? throw new InvalidOperationException(string.Join("\n", Composition.Errors));
        var gateway = new FederationGateway(supergraph, new Unreachable(), new FederationGatewayOptions { Limits = new OperationLimits { MaxCost = 1 } });

        var response = await gateway.ExecuteAsync(query, null, null, CancellationToken.None);

        var error = Assert.Single(response["errors"]!.AsArray())!;
        Assert.Equal(OperationLimitCodes.CostLimitExceeded, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(cost, int.Parse(EstimatedCost().Match(error["message"]!.GetValue<string>()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"estimated cost is ([0-9]+)")]
    private static partial Regex EstimatedCost();

    /// <summary>A refused operation reaches no subgraph.</summary>
    private sealed class Unreachable : ISubgraphTransport
    {
        public Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("An operation over its cost reached a subgraph.");
    }
}
