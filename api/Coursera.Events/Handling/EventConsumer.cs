using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Coursera.Events.Handling;

/// <summary>
/// One consumer group on the event stream, feeding one <see cref="IEventHandler"/>. Every instance of a service reads
/// as its own consumer of the group, so each event goes to one instance; an event is acknowledged only after its
/// handling committed, together with an inbox row (in the service's <c>schema</c>) that makes a redelivered event a
/// no-op. Messages a dead instance left unacknowledged are claimed by another after <see cref="EventStreamOptions.ClaimAfter"/>.
/// A group that vanished (Redis restarted empty) is created again from the stream's start, where the relays publish
/// what Redis lost (see <see cref="Outbox.OutboxRelay"/>).
/// </summary>
public sealed partial class EventConsumer(
    string group,
    string schema,
    IEventHandler handler,
    NpgsqlDataSource dataSource,
    IConnectionMultiplexer redis,
    IOptions<EventStreamOptions> options,
    EventMetrics metrics,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan LagReadInterval = TimeSpan.FromSeconds(5);

    private readonly EventStreamOptions _options = options.Value;
    private bool _groupExists;
    private long _lagReadAt;

    public string Group => group;

    public IEventHandler Handler => handler;

    /// <summary>This instance's name within the group.</summary>
    public string ConsumerName { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>One round: new messages, or else those another consumer left pending too long. Returns how many it took.</summary>
    public async Task<int> ConsumeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var consumed = await ReadAndHandleAsync(cancellationToken);
            metrics.Consumed(group, consumed);
            return consumed;
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            // The stream or the group is gone: Redis restarted empty or failed over to a replica without them. The next
            // round creates the group again; what this round handled is in the inbox and will not be handled twice.
            _groupExists = false;
            LogGroupLost(logger, group);
            return 0;
        }
    }

    private async Task<int> ReadAndHandleAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        await EnsureGroupAsync(db);
        var entries = await db.StreamReadGroupAsync(_options.Stream, group, ConsumerName, StreamPosition.NewMessages, _options.RelayBatchSize);
        if (entries.Length == 0)
        {
            var claimed = await db.StreamAutoClaimAsync(_options.Stream, group, ConsumerName, (long)_options.ClaimAfter.TotalMilliseconds, "0-0",
                _options.RelayBatchSize);
            entries = claimed.ClaimedEntries;
        }

        await RecordLagAsync(db);
        if (entries.Length == 0)
        {
            return 0;
        }

        try
        {
            await ProcessBatchAsync(entries, cancellationToken);
        }
#pragma warning disable CA1031 // One bad event must not hold back the batch: the events are then handled one by one.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, e, group);
            foreach (var entry in entries)
            {
                await ProcessAsync(entry, cancellationToken);
                await db.StreamAcknowledgeAsync(_options.Stream, group, entry.Id);
            }

            return entries.Length;
        }

        await db.StreamAcknowledgeAsync(_options.Stream, group, [.. entries.Select(e => e.Id)]);
        return entries.Length;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ConsumerStarted(group);
        return PollingLoop.RunAsync(async ct => await ConsumeOnceAsync(ct) > 0, _options.IdleDelay, e =>
        {
            metrics.ConsumerFailed(group);
            LogConsumeFailed(logger, e, group);
        }, stoppingToken);
    }

    /// <summary>
    /// At most every few seconds, busy or idle: how far behind the group is (Redis 7's <c>lag</c> plus what is delivered
    /// but not acknowledged), for the metric. The group is the same for every instance, so any of them may report it.
    /// A failure here only leaves the gauge at its last value; the round goes on.
    /// </summary>
    private async Task RecordLagAsync(IDatabase db)
    {
        if (Stopwatch.GetElapsedTime(_lagReadAt) < LagReadInterval)
        {
            return;
        }

        _lagReadAt = Stopwatch.GetTimestamp();
        try
        {
            foreach (var info in (RedisResult[])(await db.ExecuteAsync("XINFO", "GROUPS", _options.Stream))!)
            {
                var fields = info.ToDictionary();
                if (fields["name"].ToString() == group)
                {
                    var lag = fields.TryGetValue("lag", out var l) && !l.IsNull ? (long)l : 0;
                    metrics.GroupLag(group, lag + (long)fields["pending"]);
                }
            }
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            LogLagUnread(logger, e, group);
        }
    }

    /// <summary>
    /// The fast path: the whole batch in one transaction, the inbox rows in one statement; only the events it had not
    /// seen are handled, in stream order.
    /// </summary>
    private async Task ProcessBatchAsync(StreamEntry[] entries, CancellationToken cancellationToken)
    {
        var envelopes = entries.Select(e => EventEnvelope.FromJson(e["envelope"].ToString())).Where(e => handler.Handles(e.Type))
            .DistinctBy(e => e.Id).ToList();
        if (envelopes.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fresh = new HashSet<Guid>();
        await using (var inbox = new NpgsqlCommand(
            $"INSERT INTO \"{schema}\".inbox (consumer, event_id, handled_at) SELECT $1, unnest($2::uuid[]), now() ON CONFLICT DO NOTHING RETURNING event_id",
            connection, transaction))
        {
            inbox.Parameters.Add(new NpgsqlParameter { Value = group });
            inbox.Parameters.Add(new NpgsqlParameter { Value = envelopes.Select(e => e.Id).ToArray() });
            await using var reader = await inbox.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                fresh.Add(reader.GetGuid(0));
            }
        }

        await handler.HandleBatchAsync([.. envelopes.Where(e => fresh.Contains(e.Id))], transaction, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task ProcessAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        var envelope = EventEnvelope.FromJson(entry["envelope"].ToString());
        if (!handler.Handles(envelope.Type))
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var inbox = new NpgsqlCommand(
            $"INSERT INTO \"{schema}\".inbox (consumer, event_id, handled_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING", connection, transaction))
        {
            inbox.Parameters.Add(new NpgsqlParameter { Value = group });
            inbox.Parameters.Add(new NpgsqlParameter { Value = envelope.Id });
            if (await inbox.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return; // handled before: a redelivery, or the relay published it twice
            }
        }

        await handler.HandleBatchAsync([envelope], transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task EnsureGroupAsync(IDatabase db)
    {
        if (_groupExists)
        {
            return;
        }

        try
        {
            // From the stream's start: events published before the group existed are still delivered.
            await db.StreamCreateConsumerGroupAsync(_options.Stream, group, "0-0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // another instance created it
        }

        _groupExists = true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of events for {Group} failed; handling them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string group);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the lag of {Group}")]
    private static partial void LogLagUnread(ILogger logger, Exception exception, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The consumer group {Group} is gone from the stream (Redis restarted empty?); creating it again")]
    private static partial void LogGroupLost(ILogger logger, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming events for {Group} failed; the events stay pending and are retried")]
    private static partial void LogConsumeFailed(ILogger logger, Exception exception, string group);
}
