using Coursera.Federation.Limits;
using Coursera.Gateway.Persisted;

namespace Coursera.Gateway;

/// <summary>
/// The public edge's protections, bound from the <c>Gateway</c> configuration section (e.g. <c>Gateway__MaxDepth=12</c>).
/// Zero turns a limit off. Request size, request time, introspection and suggestions are the <c>GraphQL</c> section's,
/// shared with the subgraphs.
/// </summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Deepest nesting of fields. The standard introspection query (graphql-js 16, GraphiQL) is 15 deep; the benchmark query 8.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Largest static cost estimate (each field 1, lists times <c>first</c>/<c>last</c> or <see cref="DefaultListSize"/>).
    /// The federation benchmark's query, four nested lists deep, estimates about 103,000.
    /// </summary>
    public int MaxCost { get; set; } = 200_000;

    /// <summary>The item count the cost estimate assumes for a list no <c>first</c>/<c>last</c> argument sizes.</summary>
    public int DefaultListSize { get; set; } = 10;

    /// <summary>Aliases let one request run the same field many times with different arguments; this caps them.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Each root field is at least one subgraph fetch.</summary>
    public int MaxRootFields { get; set; } = 20;

    /// <summary>Most operations in one batched request (a JSON array body); 0 refuses batches.</summary>
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>
    /// How often the gateway asks each subgraph for its SDL and, when one changed, recomposes and swaps the supergraph
    /// without a restart (a failed recomposition keeps the last good one served and turns health Degraded). Zero, the
    /// default, composes once at start; distributed deployments set it (e.g. <c>Gateway__SupergraphPollInterval=00:00:10</c>).
    /// </summary>
    public TimeSpan SupergraphPollInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long the start-up composition waits for subgraphs that do not answer yet (a gateway may start before them)
    /// before the gateway gives up and exits with the errors. Subgraphs that answer and do not compose fail it at once.
    /// </summary>
    public TimeSpan SupergraphStartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one composition attempt waits for the subgraphs' <c>_service { sdl }</c> answers.</summary>
    public TimeSpan SubgraphSdlTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether identical subgraph queries in flight at the same moment (same subgraph, caller, text and variables) share
    /// one subgraph request (<see cref="Coursera.Federation.Execution.DeduplicatingSubgraphTransport"/>); mutations never do.
    /// On by default; off only to measure what it saves.
    /// </summary>
    public bool Deduplication { get; set; } = true;

    public PersistedOperationsOptions PersistedOperations { get; set; } = new();

    public QueryCostBudgetOptions CostBudget { get; set; } = new();

    public OperationLimits ToLimits() => new()
    {
        MaxDepth = MaxDepth,
        MaxCost = MaxCost,
        DefaultListSize = DefaultListSize,
        MaxAliases = MaxAliases,
        MaxRootFields = MaxRootFields,
    };
}
