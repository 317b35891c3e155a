namespace Coursera.Gateway.Transport;

/// <summary>A subgraph reached over HTTP, from configuration <c>Subgraphs:{name}</c>.</summary>
public sealed record SubgraphEndpoint(string Name, Uri Url);
