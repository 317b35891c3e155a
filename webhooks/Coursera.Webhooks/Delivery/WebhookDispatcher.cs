using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Coursera.Events;
using Coursera.Events.Outbox;
using Coursera.Events.Signals;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Endpoints;
using Coursera.Webhooks.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coursera.Webhooks.Delivery;

/// <summary>
/// Delivers due messages. A round takes a batch with <c>FOR UPDATE SKIP LOCKED</c> and moves each message's next
/// attempt a lease ahead before sending, so several dispatchers never send the same message at once, and one that
/// dies mid-send leaves its messages to be sent again (same <c>webhook-id</c>) when the lease runs out. Only a 2xx
/// counts as delivered; failures follow <see cref="RetrySchedule"/>, <c>Retry-After</c> is honoured on 429 and 503,
/// 410 disables the endpoint, and so do five days of nothing but failures.
/// </summary>
public sealed partial class WebhookDispatcher(
    IDbContextFactory<WebhooksDbContext> contexts,
    IHttpClientFactory clients,
    WebhookEndpoints endpoints,
    IOptions<WebhooksOptions> options,
    TimeProvider clock,
    NpgsqlDataSource dataSource,
    IMeterFactory meters,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    public const string EndpointDisabled = "webhook.endpoint.disabled";

    private static readonly TimeSpan BacklogInterval = TimeSpan.FromSeconds(10);

    private readonly WebhooksOptions _options = options.Value;

    private readonly WebhookDeliveryMetrics _metrics = new(meters);

    /// <summary>One round; returns how many messages it attempted.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        // One context for the round: the claim returns the messages, the endpoints come in one query, and the
        // outcomes are written by two set-based statements (and the few endpoint changes) in one transaction.
        await using var round = await contexts.CreateDbContextAsync(cancellationToken);
        var messages = await round.Messages.FromSql($"""
            UPDATE webhooks.messages SET next_attempt_at = now() + {_options.Lease}
            WHERE id IN (SELECT id FROM webhooks.messages WHERE status = 0 AND next_attempt_at <= now()
                         ORDER BY next_attempt_at LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(cancellationToken);
        if (messages.Count == 0)
        {
            return 0;
        }

        var endpointIds = messages.Select(m => m.EndpointId).Distinct().ToList();
        var endpointsById = await round.Endpoints.Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var secrets = endpointsById.Values.ToDictionary(e => e.Id, endpoints.SigningSecrets);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(WebhookMessage Message, Outcome Outcome)>();
        await Parallel.ForEachAsync(messages.Where(m => endpointsById[m.EndpointId].Enabled),
            new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (message, ct) => outcomes.Add((message, await SendAsync(endpointsById[message.EndpointId], secrets[message.EndpointId], message, ct))));

        foreach (var message in messages.Where(m => !endpointsById[m.EndpointId].Enabled))
        {
            message.Status = MessageStatus.Failed;
            _metrics.Abandoned();
        }

        // In the order they were sent, so an endpoint's failure clock sees its attempts in order.
        var attempts = new List<DeliveryAttempt>(outcomes.Count);
        foreach (var (message, outcome) in outcomes.OrderBy(o => o.Outcome.At))
        {
            attempts.Add(Record(round, endpointsById[message.EndpointId], message, outcome));
        }

        await using var transaction = await round.Database.BeginTransactionAsync(cancellationToken);
        await new DeliveryRecord(messages, attempts).WriteAsync(round, cancellationToken);
        await round.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (message, outcome) in outcomes)
        {
            _metrics.Attempted(message, outcome.At);
        }

        return messages.Count;
    }

    /// <summary>
    /// Several rounds in flight, so one round's sending overlaps another's claiming and recording (the claim's
    /// <c>SKIP LOCKED</c> keeps them apart, as it does separate dispatchers). Idle rounds sleep until the messages
    /// table's insert trigger says the fan-out queued some, or until <see cref="WebhooksOptions.IdleDelay"/> brings
    /// due retries round.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queued = new PostgresChannel(dataSource, NotifyMigrations.Channel(WebhooksDbContext.Schema, "messages"), logger);
        var listening = queued.ListenAsync(stoppingToken);
        var sampling = _metrics.Backlog.SampleEveryAsync(dataSource, BacklogInterval, logger, stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, _options.ConcurrentRounds)).Select(_ =>
            PollingLoop.RunAsync(async ct => await DispatchOnceAsync(ct) > 0, _options.IdleDelay, e => LogRoundFailed(logger, e), stoppingToken, queued.Wakeup)));
        await sampling;
        await listening;
    }

    /// <summary>Moves the message (and its endpoint) on by the outcome of one attempt, and returns the attempt's log entry.</summary>
    private DeliveryAttempt Record(WebhooksDbContext db, WebhookEndpoint endpoint, WebhookMessage message, Outcome outcome)
    {
        var (status, response, retryAfter, duration, now) = outcome;
        var succeeded = status is >= 200 and < 300;
        var attempt = new DeliveryAttempt
        {
            MessageId = message.Id,
            EndpointId = endpoint.Id,
            AttemptedAt = now,
            StatusCode = status,
            DurationMs = duration,
            Succeeded = succeeded,
            Response = response,
        };
        message.Attempts++;
        if (succeeded)
        {
            message.Status = MessageStatus.Delivered;
            message.DeliveredAt = now;
            endpoint.FailingSince = null;
            return attempt;
        }

        endpoint.FailingSince ??= now;
        if (status == (int)HttpStatusCode.Gone)
        {
            Disable(db, endpoint, "The endpoint answered 410 Gone.");
        }
        else if (now - endpoint.FailingSince >= _options.DisableAfter)
        {
            Disable(db, endpoint, $"Every attempt failed for {_options.DisableAfter.TotalDays:0.#} days.");
        }

        var delays = _options.RetryDelays.Count > 0 ? _options.RetryDelays : RetrySchedule.Standard;
        var next = endpoint.Enabled ? RetrySchedule.After(delays, message.Attempts, Random.Shared, retryAfter) : null;
        if (next is { } delay)
        {
            message.NextAttemptAt = now + delay;
        }
        else
        {
            message.Status = MessageStatus.Failed;
        }

        return attempt;
    }

    /// <summary>Switches the endpoint off and tells its tenant, through the outbox, in the same save.</summary>
    private void Disable(WebhooksDbContext db, WebhookEndpoint endpoint, string reason)
    {
        endpoint.Enabled = false;
        endpoint.DisabledReason = reason;
        var organization = endpoint.TenantKind == "organization";
        db.Publish(EventEnvelope.Create(EndpointDisabled, "webhooks", endpoint.Id.ToString(),
            new { endpointId = endpoint.Id, tenantId = endpoint.TenantId, url = endpoint.Url, reason }, clock.GetUtcNow().UtcDateTime,
            partnerId: organization ? null : endpoint.TenantId, organizationId: organization ? endpoint.TenantId : null));
    }

    private readonly record struct Outcome(int? Status, string? Response, TimeSpan? RetryAfter, int DurationMs, DateTime At);

    private async Task<Outcome> SendAsync(WebhookEndpoint endpoint, IReadOnlyList<string> secrets, WebhookMessage message,
        CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow().UtcDateTime;
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var id = message.EventId.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature",
            string.Join(' ', secrets.Select(secret => WebhookSignature.Sign(secret, id, timestamp, message.Body))));

        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            TimeSpan? retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                ? response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow)
                : null;
            return new Outcome((int)response.StatusCode, excerpt, retryAfter, (int)watch.ElapsedMilliseconds, at);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var what = e is OperationCanceledException ? $"No answer within {_options.Timeout.TotalSeconds:0} s." : FailureReason(e);
            return new Outcome(null, what, null, (int)watch.ElapsedMilliseconds, at);
        }
    }

    /// <summary>
    /// A fixed sentence per kind of failure, never the exception's text: the tenant reads it, and resolver or socket
    /// messages would tell them about our network (which internal names exist, which addresses answer).
    /// </summary>
    private static string FailureReason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return TargetAddressPolicy.Unreachable;
            }

            if (inner is System.Security.Authentication.AuthenticationException)
            {
                return "The TLS handshake with the endpoint failed.";
            }
        }

        return "The connection to the endpoint failed before it answered.";
    }

    private async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[_options.ResponseExcerptBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook dispatch round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
