using Coursera.Subgraphs.UserErrors;
using Coursera.Webhooks.Endpoints;
using GraphQL.Types;

namespace Coursera.Webhooks.Subgraph;

/// <summary>Managing webhook endpoints: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class WebhooksMutation : ObjectGraphType
{
    public WebhooksMutation()
    {
        Name = "Mutation";
        this.Mutation<CreateWebhookEndpointPayloadType, CreateWebhookEndpointInput, WebhookManagement>("createWebhookEndpoint",
            "Registers an endpoint; its whsec_ signing secret is in this response only.", async (s, i, c, ct) => await s.CreateAsync(i, c, ct));
        this.Mutation<UpdateWebhookEndpointPayloadType, UpdateWebhookEndpointInput, WebhookManagement>("updateWebhookEndpoint", null, async (s, i, c, ct) => await s.UpdateAsync(i, c, ct));
        this.Mutation<DeleteWebhookEndpointPayloadType, WebhookEndpointInput, WebhookManagement>("deleteWebhookEndpoint", null, async (s, i, c, ct) => await s.DeleteAsync(i, c, ct));
        this.Mutation<RotateWebhookSecretPayloadType, WebhookEndpointInput, WebhookManagement>("rotateWebhookSecret",
            "A new secret; the old one keeps signing beside it for a day, so receivers can switch.", async (s, i, c, ct) => await s.RotateSecretAsync(i, c, ct));
        this.Mutation<ReplayWebhookMessagesPayloadType, ReplayWebhookMessagesInput, WebhookManagement>("replayWebhookMessages",
            "Sends one message, or every message since a time, again, with the same webhook-id.", async (s, i, c, ct) => await s.ReplayAsync(i, c, ct));
        this.Mutation<SendTestWebhookPayloadType, WebhookEndpointInput, WebhookManagement>("sendTestWebhook", "Sends a webhook.test event to the endpoint.",
            async (s, i, c, ct) => await s.SendTestAsync(i, c, ct));
    }
}
