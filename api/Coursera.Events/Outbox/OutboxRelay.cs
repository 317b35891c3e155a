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
/// </summary>
public sealed partial class OutboxRelay(
    string schema,
    NpgsqlDataSource dataSource,
    IConnectionMultiplexer redis,
    IOptions<EventStreamOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly EventStreamOptions _options = options.Value;

    /// <summary>One round: publishes up to a batch and returns how many rows it published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new List<(Guid Id, string Type, string Envelope)>();
        await using (var select = new NpgsqlCommand(
            $"SELECT id, type, envelope::text FROM \"{schema}\".outbox WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED",
            connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = _options.RelayBatchSize });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        // Pipelined: one round trip's worth of waiting for the whole batch, in order.
        var db = redis.GetDatabase();
        var adds = batch.Select(m => db.StreamAddAsync(_options.Stream,
            [new NameValueEntry("id", m.Id.ToString()), new NameValueEntry("type", m.Type), new NameValueEntry("envelope", m.Envelope)],
            maxLength: _options.MaxStreamLength, useApproximateMaxLength: true)).ToList();
        await Task.WhenAll(adds);

        await using (var update = new NpgsqlCommand($"UPDATE \"{schema}\".outbox SET published_at = now() WHERE id = ANY($1)", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = batch.Select(m => m.Id).ToArray() });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the {Schema} outbox failed; retrying")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string schema);
}
