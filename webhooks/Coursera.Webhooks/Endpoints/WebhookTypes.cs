using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Model;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Webhooks.Endpoints;

public sealed class WebhookEndpointType : ObjectGraphType<WebhookEndpoint>
{
    public WebhookEndpointType()
    {
        Name = "WebhookEndpoint";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("tenantId").Resolve(c => c.Source.TenantId);
        Field<NonNullGraphType<StringGraphType>>("url").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("eventTypes").Description("Empty: every event type.")
            .Resolve(c => c.Source.EventTypes);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(c => c.Source.Enabled);
        Field<StringGraphType>("disabledReason").Resolve(c => c.Source.DisabledReason);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookAttemptType>>>>("recentAttempts")
            .Description("The latest delivery attempts, newest first.")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .ResolveAsync(async c =>
            {
                await using var db = await c.Service<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync(c.CancellationToken);
                var first = Math.Clamp(c.GetArgument<int>("first"), 1, 100);
                return await db.Attempts.AsNoTracking().Where(a => a.EndpointId == c.Source.Id).OrderByDescending(a => a.AttemptedAt)
                    .Take(first).ToListAsync(c.CancellationToken);
            });
    }
}

public sealed class WebhookAttemptType : ObjectGraphType<DeliveryAttempt>
{
    public WebhookAttemptType()
    {
        Name = "WebhookAttempt";
        Field<NonNullGraphType<IdGraphType>>("messageId").Resolve(c => c.Source.MessageId);
        Field<NonNullGraphType<DateTimeGraphType>>("attemptedAt").Resolve(c => c.Source.AttemptedAt);
        Field<IntGraphType>("statusCode").Resolve(c => c.Source.StatusCode);
        Field<NonNullGraphType<IntGraphType>>("durationMs").Resolve(c => c.Source.DurationMs);
        Field<NonNullGraphType<BooleanGraphType>>("succeeded").Resolve(c => c.Source.Succeeded);
        Field<StringGraphType>("response").Description("The first bytes of the response, or what failed.").Resolve(c => c.Source.Response);
    }
}

/// <summary>An endpoint with its signing secret, shown only when created or rotated.</summary>
public sealed record WebhookSecretPayload(WebhookEndpoint? Endpoint, string? Secret, IReadOnlyList<UserError> Errors);

public abstract class WebhookSecretPayloadType : ObjectGraphType<WebhookSecretPayload>
{
    protected WebhookSecretPayloadType(string name)
    {
        Name = name;
        Field<WebhookEndpointType>("endpoint").Resolve(c => c.Source.Endpoint);
        Field<StringGraphType>("secret").Description("whsec_…: shown only in this response.").Resolve(c => c.Source.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class CreateWebhookEndpointPayloadType() : WebhookSecretPayloadType("CreateWebhookEndpointPayload");

public sealed class RotateWebhookSecretPayloadType() : WebhookSecretPayloadType("RotateWebhookSecretPayload");

public sealed class UpdateWebhookEndpointPayloadType() : MutationPayloadType<WebhookEndpointType, WebhookEndpoint>("UpdateWebhookEndpointPayload", "endpoint");

public sealed class DeleteWebhookEndpointPayloadType() : MutationPayloadType<WebhookEndpointType, WebhookEndpoint>("DeleteWebhookEndpointPayload", "endpoint");

public sealed class ReplayWebhookMessagesPayloadType() : MutationPayloadType<WebhookEndpointType, WebhookEndpoint>("ReplayWebhookMessagesPayload", "endpoint");

public sealed class SendTestWebhookPayloadType() : MutationPayloadType<WebhookEndpointType, WebhookEndpoint>("SendTestWebhookPayload", "endpoint");
