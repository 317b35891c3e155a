namespace Coursera.Billing.Subgraph;

/// <summary>The catalog's specialization, known here by its id.</summary>
public sealed record SpecializationReference(Guid Id);
