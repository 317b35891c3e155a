namespace Coursera.Gateway.Transport;

/// <summary>A subgraph reached over HTTP, from <c>Gateway:Subgraphs:{name}:Url</c>.</summary>
public sealed record SubgraphEndpoint(string Name, Uri Url);
