using GraphQL;
using GraphQL.Types;

namespace Coursera.Webhooks.GraphQL;

public sealed class WebhooksQuery : ObjectGraphType
{
    public WebhooksQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookEndpointType>>>>("webhookEndpoints")
            .Description("A tenant's webhook endpoints with their recent delivery attempts; an API client may leave tenantId out.")
            .Argument<IdGraphType>("tenantId")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<WebhookManagement>()
                .ListAsync(c.GetArgument<string?>("tenantId"), ServiceDefaults.Authentication.Caller.From(c.User), c.CancellationToken));
    }
}
