using GraphQL.Types;

namespace Coursera.Webhooks.Subgraph;

/// <summary>The webhooks subgraph: a tenant's endpoints, their deliveries, and their management.</summary>
public sealed class WebhooksSchema : Schema
{
    public WebhooksSchema(IServiceProvider services, WebhooksQuery query, WebhooksMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
    }
}
