using Coursera.Subgraphs;
using Coursera.Webhooks.Endpoints;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Webhooks.Subgraph;

public sealed class WebhooksQuery : ObjectGraphType
{
    public WebhooksQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEndpointType>>>>("webhookEndpoints")
            .Description("A tenant's webhook endpoints with their recent delivery attempts; an API client may leave tenantId out.")
            .Argument<IdGraphType>("tenantId")
            .ResolveAsync(async c => await c.Service<WebhookManagement>()
                .ListAsync(c.GetArgument<string?>("tenantId"), c.Caller(), c.CancellationToken));
    }
}
