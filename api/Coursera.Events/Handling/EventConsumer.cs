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
/// </summary>
public sealed partial class EventConsumer(
    string group,
    string schema,
    IEventHandler handler,
    NpgsqlDataSource dataSource,
    IConnectionMultiplexer redis,
    IOptions<EventStreamOptions> options,
    ILogger logger) : BackgroundService
{
    private readonly EventStreamOptions _options = options.Value;
    private bool _groupExists;

    public string Group => group;

    public IEventHandler Handler => handler;

    /// <summary>This instance's name within the group.</summary>
    public string ConsumerName { get; } = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    /// <summary>One round: new messages, or else those another consumer left pending too long. Returns how many it took.</summary>
    public async Task<int> ConsumeOnceAsync(CancellationToken cancellationToken)
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async ct => await ConsumeOnceAsync(ct) > 0, _options.IdleDelay, e => LogConsumeFailed(logger, e, group), stoppingToken);

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming events for {Group} failed; the events stay pending and are retried")]
    private static partial void LogConsumeFailed(ILogger logger, Exception exception, string group);
}
