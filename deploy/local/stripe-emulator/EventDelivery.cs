using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Coursera.StripeEmulator;

/// <summary>
/// Makes events and delivers them signed as Stripe does (<c>Stripe-Signature: t=…,v1=…</c>, HMAC-SHA256 of
/// <c>"{t}.{body}"</c>), retrying failures. On demand (<c>/_emulator/…</c>) it holds deliveries back and releases them
/// in reverse order, or twice, which is what a real account does now and then.
/// </summary>
public sealed partial class EventDelivery(StripeState state, IHttpClientFactory http, IOptions<EmulatorOptions> options, ILogger<EventDelivery> logger)
    : BackgroundService
{
    private readonly Channel<JsonObject> _queue = Channel.CreateUnbounded<JsonObject>();
    private readonly List<JsonObject> _held = [];
    private readonly Lock _gate = new();
    private bool _holding;
    private (Uri? Url, string Secret)? _endpoint;

    /// <summary>Where events go and the secret that signs them: the options', until set here (as the dashboard does).</summary>
    public (Uri? Url, string Secret) Endpoint
    {
        get
        {
            lock (_gate)
            {
                return _endpoint ?? (options.Value.WebhookUrl, options.Value.WebhookSecret);
            }
        }

        set
        {
            lock (_gate)
            {
                _endpoint = value;
            }
        }
    }

    /// <summary>
    /// Records an event about <paramref name="subject"/> (a copy as it is now) and queues its delivery;
    /// <paramref name="previousAttributes"/> are the fields an <c>*.updated</c> event says were changed, with their old values.
    /// </summary>
    public JsonObject Raise(string type, JsonObject subject, JsonObject? previousAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var data = new JsonObject { ["object"] = subject.DeepClone() };
        if (previousAttributes is not null)
        {
            data["previous_attributes"] = previousAttributes.DeepClone();
        }

        var evt = state.Add("evt", "event", new JsonObject
        {
            ["api_version"] = options.Value.ApiVersion,
            ["type"] = type,
            ["data"] = data,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        });
        lock (_gate)
        {
            if (_holding)
            {
                _held.Add(evt);
                return evt;
            }
        }

        _queue.Writer.TryWrite(evt);
        return evt;
    }

    public void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    /// <summary>Sends what was held, newest first when <paramref name="reverse"/>, each twice when <paramref name="twice"/>.</summary>
    public int Release(bool reverse, bool twice)
    {
        List<JsonObject> held;
        lock (_gate)
        {
            _holding = false;
            held = [.. _held];
            _held.Clear();
        }

        if (reverse)
        {
            held.Reverse();
        }

        foreach (var evt in held)
        {
            _queue.Writer.TryWrite(evt);
            if (twice)
            {
                _queue.Writer.TryWrite(evt);
            }
        }

        return held.Count;
    }

    /// <summary>Sends an event again, as the dashboard's "resend" does.</summary>
    public void Resend(JsonObject evt) => _queue.Writer.TryWrite(evt);

    /// <summary>The signature header Stripe would send for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One at a time, in queue order: the order the held events were released in is the order they arrive in.
        await foreach (var evt in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(evt, stoppingToken);
        }
    }

    private async Task DeliverAsync(JsonObject evt, CancellationToken cancellationToken)
    {
        if (Endpoint is not { Url: { } url, Secret: var secret })
        {
            return;
        }

        var body = evt.ToJsonString();
        for (var attempt = 1; attempt <= options.Value.DeliveryAttempts; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", Sign(secret, state.Now, body));
                using var response = await http.CreateClient("webhooks").SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogRefused(logger, evt["id"]!.GetValue<string>(), (int)response.StatusCode, attempt);
            }
            catch (HttpRequestException e)
            {
                LogUnreachable(logger, evt["id"]!.GetValue<string>(), e.Message, attempt);
            }

            await Task.Delay(options.Value.RetryDelay * attempt, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} refused with {Status} (attempt {Attempt})")]
    private static partial void LogRefused(ILogger logger, string eventId, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} not delivered: {Reason} (attempt {Attempt})")]
    private static partial void LogUnreachable(ILogger logger, string eventId, string reason, int attempt);
}
