using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Coursera.Webhooks.Model;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Webhooks.Endpoints;

/// <summary>The GraphQL operations on endpoints, each checked against the caller's tenant (<see cref="WebhookAccess"/>).</summary>
public sealed class WebhookManagement(IDbContextFactory<WebhooksDbContext> contexts, WebhookEndpoints endpoints, TargetAddressPolicy targets)
{
    public async Task<List<WebhookEndpoint>> ListAsync(string? tenantId, Caller caller, CancellationToken cancellationToken)
    {
        var tenant = WebhookAccess.Tenant(caller, tenantId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Endpoints.AsNoTracking().Where(e => e.TenantId == tenant).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<WebhookSecretPayload> CreateAsync(CreateWebhookEndpointInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tenant = WebhookAccess.Tenant(caller, input.TenantId);
        if ((Unstorable(input.Url, input.Description) ?? UnknownTypes(input.EventTypes)) is { } refused)
        {
            return new WebhookSecretPayload(null, null, [refused]);
        }

        var (created, refusal) = await endpoints.CreateAsync(tenant, input.Url, input.EventTypes, input.Description, cancellationToken,
            KindOf(caller, tenant));
        return created is null
            ? new WebhookSecretPayload(null, null, [UserError.For("INVALID_URL", refusal!, "url")])
            : new WebhookSecretPayload(created.Endpoint, created.Secret, []);
    }

    public async Task<MutationPayload<WebhookEndpoint>> UpdateAsync(UpdateWebhookEndpointInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await OwnedAsync(db, input.EndpointId, caller, cancellationToken);
        if (endpoint is null)
        {
            return MutationPayload<WebhookEndpoint>.Refused(NotFound);
        }

        if (Unstorable(input.Url, input.Description) is { } unstorable)
        {
            return MutationPayload<WebhookEndpoint>.Refused(unstorable);
        }

        if (input.Url is not null && targets.Check(input.Url) is { } refusal)
        {
            return MutationPayload<WebhookEndpoint>.Refused(UserError.For("INVALID_URL", refusal, "url"));
        }

        if (UnknownTypes(input.EventTypes) is { } unknown)
        {
            return MutationPayload<WebhookEndpoint>.Refused(unknown);
        }

        endpoint.Url = input.Url ?? endpoint.Url;
        endpoint.EventTypes = input.EventTypes ?? endpoint.EventTypes;
        endpoint.Description = input.Description ?? endpoint.Description;
        if (input.Enabled is { } enabled)
        {
            endpoint.Enabled = enabled;
            endpoint.DisabledReason = null;
            endpoint.FailingSince = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<WebhookEndpoint>.Changed(endpoint);
    }

    public async Task<MutationPayload<WebhookEndpoint>> DeleteAsync(WebhookEndpointInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await OwnedAsync(db, input.EndpointId, caller, cancellationToken);
        if (endpoint is null)
        {
            return MutationPayload<WebhookEndpoint>.Refused(NotFound);
        }

        // Its messages stop here too; the delivery log stays for the record.
        await db.Messages.Where(m => m.EndpointId == endpoint.Id && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, MessageStatus.Failed), cancellationToken);
        db.Endpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<WebhookEndpoint>.Changed(endpoint);
    }

    public async Task<WebhookSecretPayload> RotateSecretAsync(WebhookEndpointInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await OwnedAsync(db, input.EndpointId, caller, cancellationToken);
        if (endpoint is null)
        {
            return new WebhookSecretPayload(null, null, [NotFound]);
        }

        var secret = await endpoints.RotateSecretAsync(endpoint.Id, cancellationToken);
        return new WebhookSecretPayload(endpoint, secret, []);
    }

    public async Task<MutationPayload<WebhookEndpoint>> ReplayAsync(ReplayWebhookMessagesInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await OwnedAsync(db, input.EndpointId, caller, cancellationToken);
        if (endpoint is null)
        {
            return MutationPayload<WebhookEndpoint>.Refused(NotFound);
        }

        if (input.MessageId is { } rawMessage)
        {
            // A receiver knows a message by its webhook-id header (the event's id); the attempts list names it by its own id.
            var id = Ids.Parse(rawMessage, "input.messageId");
            var messageId = await db.Messages.Where(m => (m.Id == id || m.EventId == id) && m.EndpointId == endpoint.Id)
                .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (messageId is null)
            {
                return MutationPayload<WebhookEndpoint>.Refused(UserError.For("NOT_FOUND", "This endpoint has no message with this id.", "messageId"));
            }

            await endpoints.ReplayAsync(messageId.Value, cancellationToken);
        }
        else if (input.Since is { } since)
        {
            await endpoints.ReplaySinceAsync(endpoint.Id, since.ToUniversalTime(), cancellationToken);
        }
        else
        {
            return MutationPayload<WebhookEndpoint>.Refused(UserError.For("NOTHING_TO_REPLAY", "Give a messageId or a time (since).", "since"));
        }

        return MutationPayload<WebhookEndpoint>.Changed(endpoint);
    }

    public async Task<MutationPayload<WebhookEndpoint>> SendTestAsync(WebhookEndpointInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await OwnedAsync(db, input.EndpointId, caller, cancellationToken);
        if (endpoint is null)
        {
            return MutationPayload<WebhookEndpoint>.Refused(NotFound);
        }

        await endpoints.SendTestAsync(endpoint.Id, cancellationToken);
        return MutationPayload<WebhookEndpoint>.Changed(endpoint);
    }

    private static UserError NotFound => UserError.For("NOT_FOUND", "No endpoint of this tenant has this id.", "endpointId");

    /// <summary>The endpoint, when it belongs to a tenant the caller manages; otherwise null, as if it did not exist.</summary>
    private static async Task<WebhookEndpoint?> OwnedAsync(WebhooksDbContext db, string rawId, Caller caller, CancellationToken cancellationToken)
    {
        WebhookAccess.EnsureScope(caller);
        var id = Ids.Parse(rawId, "input.endpointId");
        var endpoint = await db.Endpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return endpoint is not null && WebhookAccess.CanManage(caller, endpoint.TenantId) ? endpoint : null;
    }

    /// <summary>Whether the tenant is a partner or an organization, as far as the caller's token tells.</summary>
    private static string? KindOf(Caller caller, Guid tenant) =>
        caller.Partners.Contains(tenant) ? "partner" : caller.Organizations.Contains(tenant) ? "organization" : null;

    /// <summary>
    /// Text the store cannot keep (too long, or with control characters: PostgreSQL refuses NUL in text) is the
    /// caller's mistake, said as one, not a database error.
    /// </summary>
    private static UserError? Unstorable(string? url, string? description) =>
        url?.Length > WebhookEndpoint.MaxUrlLength
            ? UserError.For("INVALID_URL", $"The URL must be at most {WebhookEndpoint.MaxUrlLength} characters.", "url")
            : url is not null && url.Any(char.IsControl)
                ? UserError.For("INVALID_URL", "The URL may not contain control characters.", "url")
                : description?.Length > WebhookEndpoint.MaxDescriptionLength
                    ? UserError.For("INVALID_DESCRIPTION", $"The description must be at most {WebhookEndpoint.MaxDescriptionLength} characters.", "description")
                    : description is not null && description.Contains('\0', StringComparison.Ordinal)
                        ? UserError.For("INVALID_DESCRIPTION", "The description may not contain NUL characters.", "description")
                        : null;

    private static UserError? UnknownTypes(IEnumerable<string>? types)
    {
        var unknown = (types ?? []).Where(t => Coursera.Events.Contracts.EventCatalog.Types.All(k => k.Name != t) && t != WebhookEndpoints.TestEventType).ToList();
        // Named back only when they could be event types: a megabyte of text is not repeated in the answer.
        var named = unknown.Where(t => t.Length <= 100).Take(10).ToList();
        return unknown.Count == 0 ? null
            : UserError.For("UNKNOWN_EVENT_TYPE", named.Count == unknown.Count ? $"Not in the event catalog: {string.Join(", ", named)}." : "Some event types are not in the event catalog.", "eventTypes");
    }
}
