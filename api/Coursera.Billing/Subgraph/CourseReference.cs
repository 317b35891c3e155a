namespace Coursera.Billing.Subgraph;

/// <summary>The catalog's course, known here by its id.</summary>
public sealed record CourseReference(Guid Id);
