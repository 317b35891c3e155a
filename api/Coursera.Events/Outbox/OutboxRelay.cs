using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Coursera.Events.Outbox;

/// <summary>
/// Publishes a service's outbox to the Redis Stream. Each round locks a batch of unpublished rows with
/// <c>FOR UPDATE SKIP LOCKED</c> (so several instances share the work and never publish the same row at once), adds
/// them to the stream in order, stamps them published and commits. If it dies between adding and committing, the
/// rows are published again on the next round: delivery is at least once, and consumers dedupe by event id. It sleeps
/// while the outbox is empty and wakes when the outbox's insert trigger notifies (see <see cref="Signals.NotifyMigrations"/>).
/// <para>
/// A Redis that restarts empty (no persistence, a failover to a fresh replica) loses events already stamped published.
/// So each batch is added by a script that first checks the schema's marker key, set the first time this Redis took the
/// schema's events: when the marker is gone, nothing is added, every row still kept
/// (<see cref="EventStreamOptions.KeepPublished"/>) is marked unpublished again and published anew. Consumers have
/// handled most of them already and skip them by their inbox.
/// </para>
/// </summary>
public sealed partial class OutboxRelay(
    string schema,
    NpgsqlDataSource dataSource,
    IConnectionMultiplexer redis,
    IOptions<EventStreamOptions> options,
    EventMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // KEYS: the stream, the schema's marker. ARGV: the stream's approximate maximum length, then id, type and envelope
    // of each event. Returns how many were added, or -1 (nothing added) when the marker is missing.
    private const string AddIfDurable = """
        if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
        for i = 2, #ARGV, 3 do
          redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'id', ARGV[i], 'type', ARGV[i + 1], 'envelope', ARGV[i + 2])
        end
        return (#ARGV - 1) / 3
        """;

    private readonly EventStreamOptions _options = options.Value;

    /// <summary>The key whose presence says this Redis still holds every event the schema's relays published to it.</summary>
    public string MarkerKey => $"{_options.Stream}:relayed:{schema}";

    /// <summary>One round: publishes up to a batch and returns how many rows it published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        if (await TryPublishBatchAsync(cancellationToken) is { } published)
        {
            return published;
        }

        await PublishAgainAsync(cancellationToken);
        return await TryPublishBatchAsync(cancellationToken) ?? 0;
    }

    /// <summary>Publishes up to a batch; null, with nothing published, when Redis no longer holds the schema's marker.</summary>
    private async Task<int?> TryPublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new List<(Guid Id, string Type, string Envelope, DateTime OccurredAt)>();
        await using (var select = new NpgsqlCommand(
            $"SELECT id, type, envelope::text, occurred_at FROM \"{schema}\".outbox WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED",
            connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = _options.RelayBatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3)));
            }
        }

        metrics.OutboxPending(schema, batch.Count == 0 ? null : batch.Min(m => m.OccurredAt));
        var db = redis.GetDatabase();
        if (batch.Count == 0)
        {
            return await db.KeyExistsAsync(MarkerKey) ? 0 : null;
        }

        // One script, one round trip, and no event added to a Redis that lost earlier ones.
        var arguments = new List<RedisValue>(1 + batch.Count * 3) { _options.MaxStreamLength };
        foreach (var m in batch)
        {
            arguments.Add(m.Id.ToString());
            arguments.Add(m.Type);
            arguments.Add(m.Envelope);
        }

        if ((long)await db.ScriptEvaluateAsync(AddIfDurable, [_options.Stream, MarkerKey], [.. arguments]) < 0)
        {
            return null;
        }

        await using (var update = new NpgsqlCommand($"UPDATE \"{schema}\".outbox SET published_at = now() WHERE id = ANY($1)", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = batch.Select(m => m.Id).ToArray() });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.Published(schema, batch.Select(m => m.Type));
        return batch.Count;
    }

    /// <summary>
    /// Redis lost what was published to it (or never had it: a new Redis): every kept row is marked to be published again,
    /// then the marker is set. The table lock waits for relays in the middle of a batch: one that added its batch to the
    /// Redis that was then lost must have stamped it published before the reset, or the reset would miss those rows.
    /// Relays that found the marker missing at once (every instance starting on a new Redis) take the lock in turn: one
    /// that finds the marker set once it holds the lock leaves the rows alone, since the relay before it reset them and
    /// has been publishing to the new Redis since (while the lock is held nobody publishes, so a marker still missing
    /// means no row was published to the new Redis yet).
    /// </summary>
    private async Task PublishAgainAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockTable = new NpgsqlCommand($"LOCK TABLE \"{schema}\".outbox IN EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(cancellationToken);
        }

        if (await redis.GetDatabase().KeyExistsAsync(MarkerKey))
        {
            return; // another relay reset the outbox while this one waited for the lock
        }

        int again;
        await using (var reset = new NpgsqlCommand($"UPDATE \"{schema}\".outbox SET published_at = NULL WHERE published_at IS NOT NULL",
            connection, transaction))
        {
            again = await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await redis.GetDatabase().StringSetAsync(MarkerKey, DateTime.UtcNow.ToString("O"), when: When.NotExists);
        if (again > 0)
        {
            metrics.RedisReset(schema);
            LogPublishingAgain(logger, schema, again);
        }
    }

    /// <summary>Deletes rows published longer ago than <see cref="EventStreamOptions.KeepPublished"/>.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM \"{schema}\".outbox WHERE published_at < now() - $1");
        command.Parameters.Add(new NpgsqlParameter { Value = _options.KeepPublished });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = new Signals.PostgresChannel(dataSource, Signals.NotifyMigrations.Channel(schema, "outbox"), logger);
        var listening = channel.ListenAsync(stoppingToken);
        var lastPrune = DateTime.MinValue;
        await PollingLoop.RunAsync(async ct =>
        {
            var published = await PublishBatchAsync(ct);
            if (DateTime.UtcNow - lastPrune > TimeSpan.FromMinutes(10))
            {
                await PruneAsync(ct);
                lastPrune = DateTime.UtcNow;
            }

            return published == _options.RelayBatchSize;
        }, _options.RelayIdleDelay, e => LogRelayFailed(logger, e, schema), stoppingToken, channel.Wakeup);
        await listening;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis has lost the events of {Schema} (restarted empty or failed over to a fresh replica); publishing the {Count} kept outbox rows again")]
    private static partial void LogPublishingAgain(ILogger logger, string schema, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the {Schema} outbox failed; retrying")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string schema);
}
