using GraphQL.Types;

namespace Coursera.Identity.Subgraph;

/// <summary>The identity subgraph: the viewer, tenant administration, API clients, two-factor settings, the audit log.</summary>
public sealed class IdentitySchema : Schema
{
    public IdentitySchema(IServiceProvider services, IdentityQuery query, IdentityMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
