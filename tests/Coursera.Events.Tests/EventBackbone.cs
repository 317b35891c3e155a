using System.Diagnostics.Metrics;
using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Coursera.Events.Tests;

/// <summary>
/// A service's side of the backbone on the test PostgreSQL and Redis: a schema with its outbox and inbox (as the
/// services' migrations create them) and a stream of its own, so tests never see each other's events.
/// </summary>
public sealed class EventBackbone : IAsyncDisposable
{
    public const string Schema = "svc";

    private EventBackbone(NpgsqlDataSource dataSource, IConnectionMultiplexer redis, EventStreamOptions options)
    {
        DataSource = dataSource;
        Redis = redis;
        Options = options;
    }

    public NpgsqlDataSource DataSource { get; }

    public IConnectionMultiplexer Redis { get; }

    public EventStreamOptions Options { get; }

    public IDatabase Stream => Redis.GetDatabase();

    public static async Task<EventBackbone> CreateAsync(Action<EventStreamOptions>? configure = null)
    {
        var dataSource = NpgsqlDataSource.Create(await TestInfrastructure.CreateDatabaseAsync("events"));
        await using (var command = dataSource.CreateCommand($"""
            CREATE SCHEMA {Schema};
            CREATE TABLE {Schema}.outbox (id uuid PRIMARY KEY, position bigint GENERATED ALWAYS AS IDENTITY, type varchar(100) NOT NULL,
                occurred_at timestamptz NOT NULL, envelope jsonb NOT NULL, published_at timestamptz);
            CREATE INDEX ix_outbox_unpublished ON {Schema}.outbox (position) WHERE published_at IS NULL;
            CREATE TABLE {Schema}.inbox (consumer varchar(100), event_id uuid, handled_at timestamptz NOT NULL, PRIMARY KEY (consumer, event_id));
            CREATE TABLE {Schema}.handled (event_id uuid NOT NULL, type text NOT NULL);
            {Coursera.Events.Signals.NotifyMigrations.InsertNotificationSql(Schema, "outbox")}
            """))
        {
            await command.ExecuteNonQueryAsync();
        }

        var options = new EventStreamOptions { Stream = $"test:events:{Guid.NewGuid():N}", IdleDelay = TimeSpan.FromMilliseconds(5) };
        configure?.Invoke(options);
        return new EventBackbone(dataSource, await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis), options);
    }

    /// <summary>The instruments the relays and consumers of this backbone record on.</summary>
    public EventMetrics Metrics { get; } = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    public OutboxRelay Relay() =>
        new(Schema, DataSource, Redis, Microsoft.Extensions.Options.Options.Create(Options), Metrics, NullLogger<OutboxRelay>.Instance);

    public EventConsumer Consumer(string group = "recorder", Func<EventEnvelope, bool>? failWhen = null, IConnectionMultiplexer? redis = null) =>
        new(group, Schema, new RecordingHandler(failWhen), DataSource, redis ?? Redis, Microsoft.Extensions.Options.Options.Create(Options), Metrics,
            NullLogger<EventConsumer>.Instance);

    /// <summary>What a Redis restarted empty no longer has of this backbone: its stream, with the groups, and the relay's marker.</summary>
    public async Task LoseRedisDataAsync() =>
        await Stream.KeyDeleteAsync([Options.Stream, Relay().MarkerKey]);

    /// <summary>Writes events to the outbox in one transaction, committed or rolled back.</summary>
    public async Task<List<EventEnvelope>> WriteAsync(int count, bool commit = true, string type = "course.updated")
    {
        var events = Enumerable.Range(0, count)
            .Select(i => EventEnvelope.Create(type, "tests", $"subject-{i}", new { number = i }, DateTime.UtcNow)).ToList();
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var envelope in events)
        {
            var message = OutboxMessage.From(envelope);
            await using var insert = new NpgsqlCommand($"INSERT INTO {Schema}.outbox (id, type, occurred_at, envelope) VALUES ($1, $2, $3, $4::jsonb)",
                connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = message.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.Type });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.OccurredAt });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.Envelope });
            await insert.ExecuteNonQueryAsync();
        }

        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }

        return events;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The ids of the events the recording handler handled.</summary>
    public async Task<List<Guid>> HandledIdsAsync()
    {
        var ids = new List<Guid>();
        await using var command = DataSource.CreateCommand($"SELECT event_id FROM {Schema}.handled");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Runs <paramref name="consumer"/> until three rounds in a row find nothing.</summary>
    public static async Task DrainAsync(EventConsumer consumer)
    {
        var idle = 0;
        while (idle < 3)
        {
            idle = await consumer.ConsumeOnceAsync(CancellationToken.None) == 0 ? idle + 1 : 0;
        }
    }

    /// <summary>The event ids on the stream, in stream order.</summary>
    public async Task<List<Guid>> StreamIdsAsync() =>
        [.. (await Stream.StreamRangeAsync(Options.Stream)).Select(e => Guid.Parse(e["id"].ToString()))];

    public async ValueTask DisposeAsync()
    {
        await LoseRedisDataAsync();
        await Redis.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}

/// <summary>A handler that records what it handled in <c>svc.handled</c>, inside the inbox transaction; it can be told to fail.</summary>
public sealed class RecordingHandler(Func<EventEnvelope, bool>? failWhen) : IEventHandler
{
    public bool Handles(string type) => type.StartsWith("course.", StringComparison.Ordinal);

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand($"INSERT INTO {EventBackbone.Schema}.handled (event_id, type) VALUES ($1, $2)", transaction.Connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = envelope.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = envelope.Type });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        if (failWhen?.Invoke(envelope) == true)
        {
            throw new InvalidOperationException("The handler failed after writing.");
        }
    }
}
