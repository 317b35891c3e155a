using Coursera.ServiceDefaults.Authentication;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Webhooks.GraphQL;

/// <summary>Managing webhook endpoints: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class WebhooksMutation : ObjectGraphType
{
    public WebhooksMutation()
    {
        Name = "Mutation";
        Mutation<CreateWebhookEndpointPayloadType, CreateWebhookEndpointInput>("createWebhookEndpoint",
            "Registers an endpoint; its whsec_ signing secret is in this response only.", async (s, i, c, ct) => await s.CreateAsync(i, c, ct));
        Mutation<UpdateWebhookEndpointPayloadType, UpdateWebhookEndpointInput>("updateWebhookEndpoint", null, async (s, i, c, ct) => await s.UpdateAsync(i, c, ct));
        Mutation<DeleteWebhookEndpointPayloadType, WebhookEndpointInput>("deleteWebhookEndpoint", null, async (s, i, c, ct) => await s.DeleteAsync(i, c, ct));
        Mutation<RotateWebhookSecretPayloadType, WebhookEndpointInput>("rotateWebhookSecret",
            "A new secret; the old one keeps signing beside it for a day, so receivers can switch.", async (s, i, c, ct) => await s.RotateSecretAsync(i, c, ct));
        Mutation<ReplayWebhookMessagesPayloadType, ReplayWebhookMessagesInput>("replayWebhookMessages",
            "Sends one message, or every message since a time, again, with the same webhook-id.", async (s, i, c, ct) => await s.ReplayAsync(i, c, ct));
        Mutation<SendTestWebhookPayloadType, WebhookEndpointInput>("sendTestWebhook", "Sends a webhook.test event to the endpoint.",
            async (s, i, c, ct) => await s.SendTestAsync(i, c, ct));
    }

    private void Mutation<TPayloadType, TInput>(string name, string? description, Func<WebhookManagement, TInput, Caller, CancellationToken, Task<object?>> resolve)
        where TPayloadType : IGraphType =>
        Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<AutoRegisteringInputObjectGraphType<TInput>>>("input")
            .ResolveAsync(async c => await resolve(c.RequestServices!.GetRequiredService<WebhookManagement>(), c.GetArgument<TInput>("input"),
                Caller.From(c.User), c.CancellationToken));
}
