namespace Coursera.Media.Subgraph;

/// <summary>The catalog's item, known here by its id.</summary>
public sealed record ItemReference(Guid Id);
