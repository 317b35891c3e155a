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
    /// Most aliased fields (0: no limit). Well above the gateway's <c>Gateway:MaxAliases</c>, whose plans alias their
    /// entity fetches; a defence for a subgraph reached past the gateway, not the public limit.
    /// </summary>
    public int MaxAliases { get; set; } = 250;

    /// <summary>Most fields in the root selection (0: no limit), above the gateway's <c>Gateway:MaxRootFields</c> for the same reason.</summary>
    public int MaxRootFields { get; set; } = 100;

    /// <summary>
    /// As high as the gateway's cost limit (<c>Gateway:MaxCost</c>): the gateway's entity fetches for a query it
    /// accepted score higher here (GraphQL.NET's estimate of <c>_entities</c> lists), and must not be refused.
    /// </summary>
    public int MaxComplexity { get; set; } = 200_000;

    /// <summary>A WebSocket client that has not sent <c>connection_init</c> within this time is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a query or mutation may run, over HTTP and over a WebSocket alike; subscriptions run until completed.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Operations one graphql-transport-ws connection may run at once (0: no limit); a further <c>subscribe</c> is answered
    /// with a <c>TOO_MANY_OPERATIONS</c> error. Ten, as an HTTP batch: a socket must not multiply what a request may ask.
    /// </summary>
    public int MaxOperationsPerConnection { get; set; } = 10;

    /// <summary>
    /// The same for a subgraph's connections, which only the gateway opens: it carries the subscriptions of many clients
    /// on one connection (up to its <c>Gateway:SubscriptionsPerSubgraphConnection</c>, which must not be higher).
    /// </summary>
    public int MaxOperationsPerGatewayConnection { get; set; } = 1000;
}
