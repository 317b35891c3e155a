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
