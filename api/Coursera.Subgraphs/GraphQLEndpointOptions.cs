namespace Coursera.Subgraphs;

/// <summary>Limits and switches of one GraphQL endpoint, bound from the <c>GraphQL</c> configuration section.</summary>
public sealed class GraphQLEndpointOptions
{
    public const string Section = "GraphQL";

    /// <summary>
    /// Requests with a larger body are refused with 413 before anything is parsed. 2 MiB: a bulk enrollment of
    /// 10,000 rows (the largest request the API takes) is about 1 MB.
    /// </summary>
    public int MaxRequestBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Introspection is on in Development; elsewhere only when configured.</summary>
    public bool? EnableIntrospection { get; set; }

    /// <summary>"Did you mean" hints help developers and help attackers map a schema; on only in Development by default.</summary>
    public bool? ExposeSuggestions { get; set; }

    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// As high as the gateway's cost limit (<c>Gateway:MaxCost</c>): the gateway's entity fetches for a query it
    /// accepted score higher here (GraphQL.NET's estimate of <c>_entities</c> lists), and must not be refused.
    /// </summary>
    public int MaxComplexity { get; set; } = 200_000;

    /// <summary>A WebSocket client that has not sent <c>connection_init</c> within this time is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
