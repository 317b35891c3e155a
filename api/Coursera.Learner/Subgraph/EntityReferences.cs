
namespace Coursera.Learner.Subgraph;

/// <summary>
/// An entity known here by its id. One CLR type per entity type: GraphQL.NET tells the members of <c>_Entity</c>
/// apart by the CLR type of what a reference resolved to.
/// </summary>
public abstract record EntityReference(Guid Id);

public sealed record CourseReference(Guid Id) : EntityReference(Id);

public sealed record CourseSessionReference(Guid Id) : EntityReference(Id);

public sealed record ItemReference(Guid Id) : EntityReference(Id);

public sealed record UserReference(Guid Id) : EntityReference(Id);

public sealed record LearnerReference(Guid Id) : EntityReference(Id);
