using GraphQL.Types;

namespace Coursera.Subgraphs.Internal;

/// <summary>
/// Registered when the gateway of this process calls <typeparamref name="TSchema"/> in process (the all-in-one host):
/// <c>MapSubgraph</c> then serves no HTTP endpoint for it, since clients reach it only through the gateway and its limits.
/// </summary>
public sealed class SubgraphServedInProcess<TSchema>
    where TSchema : ISchema;
