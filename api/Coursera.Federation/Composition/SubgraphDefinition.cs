namespace Coursera.Federation.Composition;

/// <summary>A subgraph as composition sees it: its name, where the gateway reaches it, and its SDL.</summary>
public sealed record SubgraphDefinition(string Name, string Sdl, string Url = "");
