using Coursera.Events.Signals;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Coursera.Webhooks.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Webhooks.Endpoints;

/// <summary>
/// Registering and changing endpoints, their secrets (returned in plain text once, stored encrypted with ASP.NET
/// Data Protection), replays and test events. Authorization is the caller's (the GraphQL layer): this checks input.
/// </summary>
public sealed class WebhookEndpoints(
    IDbContextFactory<WebhooksDbContext> contexts,
    IDataProtectionProvider protection,
    TargetAddressPolicy targets,
    IOptions<WebhooksOptions> options,
    TimeProvider clock)
{
    public const string TestEventType = "webhook.test";

    /// <summary>The Data Protection purpose of endpoint secrets: no other protected value of the platform decrypts as one.</summary>
    public const string SecretsPurpose = "Coursera.Webhooks.Secrets";

    private readonly IDataProtector _secrets = protection.CreateProtector(SecretsPurpose);

    public sealed record Created(WebhookEndpoint Endpoint, string Secret);

    /// <returns>The endpoint and its secret, or why the URL is refused.</returns>
    public async Task<(Created? Created, string? Refusal)> CreateAsync(Guid tenantId, string url, IEnumerable<string>? eventTypes, string? description,
        CancellationToken cancellationToken, string? tenantKind = null)
    {
        if (targets.Check(url) is { } refusal)
        {
            return (null, refusal);
        }

        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            TenantId = tenantId,
            TenantKind = tenantKind,
            Url = url,
            EventTypes = [.. (eventTypes ?? []).Distinct(StringComparer.Ordinal)],
            Description = description,
            SecretEncrypted = _secrets.Protect(secret),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Endpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return (new Created(endpoint, secret), null);
    }

    /// <summary>A new secret; the old one keeps signing beside it for <see cref="WebhooksOptions.RotationOverlap"/>.</summary>
    public async Task<string?> RotateSecretAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.Endpoints.SingleOrDefaultAsync(e => e.Id == endpointId, cancellationToken);
        if (endpoint is null)
        {
            return null;
        }

        var secret = WebhookSignature.NewSecret();
        endpoint.PreviousSecretEncrypted = endpoint.SecretEncrypted;
        endpoint.PreviousSecretExpiresAt = clock.GetUtcNow().UtcDateTime + options.Value.RotationOverlap;
        endpoint.SecretEncrypted = _secrets.Protect(secret);
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>The secrets that sign now: the current one, and the previous one during a rotation.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var current = _secrets.Unprotect(endpoint.SecretEncrypted);
        return endpoint.PreviousSecretEncrypted is { } previous && endpoint.PreviousSecretExpiresAt > clock.GetUtcNow().UtcDateTime
            ? [current, _secrets.Unprotect(previous)]
            : [current];
    }

    /// <summary>Sends one message again, with its original <c>webhook-id</c>.</summary>
    public async Task<bool> ReplayAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var replayed = await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.Status, MessageStatus.Pending)
            .SetProperty(x => x.NextAttemptAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(x => x.Attempts, 0), cancellationToken) == 1;
        await WakeDispatchersAsync(db, cancellationToken);
        return replayed;
    }

    /// <summary>Sends every message of an endpoint created since <paramref name="since"/> again.</summary>
    public async Task<int> ReplaySinceAsync(Guid endpointId, DateTime since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var replayed = await db.Messages.Where(m => m.EndpointId == endpointId && m.CreatedAt >= since).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.Status, MessageStatus.Pending)
            .SetProperty(x => x.NextAttemptAt, clock.GetUtcNow().UtcDateTime)
            .SetProperty(x => x.Attempts, 0), cancellationToken);
        await WakeDispatchersAsync(db, cancellationToken);
        return replayed;
    }

    /// <summary>A replay changes rows rather than inserting them, so the insert trigger is silent: say it here.</summary>
    private static async Task WakeDispatchersAsync(WebhooksDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({NotifyMigrations.Channel(WebhooksDbContext.Schema, "messages")}, '')", cancellationToken);

    /// <summary>Queues a <c>webhook.test</c> message for the endpoint.</summary>
    public async Task<WebhookMessage?> SendTestAsync(Guid endpointId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Endpoints.AnyAsync(e => e.Id == endpointId, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var eventId = Guid.CreateVersion7();
        var message = new WebhookMessage
        {
            EventId = eventId,
            EndpointId = endpointId,
            EventType = TestEventType,
            Body = WebhookBody.Create(TestEventType, now, System.Text.Json.JsonSerializer.SerializeToElement(new { eventId })),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return message;
    }
}
