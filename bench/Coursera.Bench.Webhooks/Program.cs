using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Coursera.Events;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults;
using Coursera.Webhooks;
using Coursera.Webhooks.Endpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

// Webhook delivery benchmark: events written to a service's outbox travel relay -> Redis Stream -> fan-out ->
// dispatcher -> a local receiver over HTTP, all in this process on the machine's loopback. Two measurements:
// throughput (a burst of BENCH_EVENTS events, from the first outbox insert to the last acknowledged delivery) and
// latency at a steady BENCH_RATE events per second for BENCH_STEADY_SECONDS (commit to receipt, per event).
var postgres = Environment.GetEnvironmentVariable("BENCH_POSTGRES") ?? throw new InvalidOperationException("Set BENCH_POSTGRES.");
var redis = Environment.GetEnvironmentVariable("BENCH_REDIS") ?? throw new InvalidOperationException("Set BENCH_REDIS.");
var burst = int.Parse(Environment.GetEnvironmentVariable("BENCH_EVENTS") ?? "20000", CultureInfo.InvariantCulture);
var rate = int.Parse(Environment.GetEnvironmentVariable("BENCH_RATE") ?? "200", CultureInfo.InvariantCulture);
var steadySeconds = int.Parse(Environment.GetEnvironmentVariable("BENCH_STEADY_SECONDS") ?? "30", CultureInfo.InvariantCulture);
const string Schema = "bench";

// The receiver: answers 204 at once and notes when each webhook-id first arrived.
var received = new ConcurrentDictionary<string, long>();
var receiverBuilder = WebApplication.CreateBuilder();
receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
receiverBuilder.Logging.ClearProviders();
var receiverApp = receiverBuilder.Build();
receiverApp.MapPost("/hooks", (HttpContext http) =>
{
    received.TryAdd(http.Request.Headers["webhook-id"].ToString(), Stopwatch.GetTimestamp());
    return Results.NoContent();
});
await receiverApp.StartAsync();
var receiverUrl = receiverApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks";

// The platform side: a service's outbox and relay, and the webhooks module, configured as ./run.sh would.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Postgres"] = postgres,
    ["ConnectionStrings:Redis"] = redis,
    ["Webhooks:MigrateOnStart"] = "true",
    ["Webhooks:AllowPrivateTargets"] = "true",
    ["Webhooks:AllowHttp"] = "true",
    ["Webhooks:BatchSize"] = Environment.GetEnvironmentVariable("BENCH_BATCH") ?? "200",
    ["Events:Stream"] = $"bench:events:{Guid.NewGuid():N}",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.AddServiceDefaults();
builder.Logging.ClearProviders();
builder.AddWebhooks();
builder.AddEvents(Schema);
var app = builder.Build();
var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
await using (var create = dataSource.CreateCommand($"""
    CREATE SCHEMA IF NOT EXISTS {Schema};
    DROP TABLE IF EXISTS {Schema}.outbox;
    DROP FUNCTION IF EXISTS {Schema}.notify_outbox_inserted();
    CREATE TABLE {Schema}.outbox (id uuid PRIMARY KEY, position bigint GENERATED ALWAYS AS IDENTITY, type varchar(100) NOT NULL,
        occurred_at timestamptz NOT NULL, envelope jsonb NOT NULL, published_at timestamptz);
    CREATE INDEX ix_outbox_unpublished ON {Schema}.outbox (position) WHERE published_at IS NULL;
    {Coursera.Events.Signals.NotifyMigrations.InsertNotificationSql(Schema, "outbox")}
    """))
{
    await create.ExecuteNonQueryAsync();
}

await app.StartAsync();
var tenant = Guid.CreateVersion7();
await app.Services.GetRequiredService<WebhookEndpoints>().CreateAsync(tenant, receiverUrl, [], "bench", CancellationToken.None);

async Task<List<(string Id, long CommittedAt)>> WriteAsync(int count)
{
    // One statement per transaction, as a service writing many events with one change would.
    var messages = Enumerable.Range(0, count)
        .Select(i => OutboxMessage.From(EventEnvelope.Create("course.updated", "bench", Guid.CreateVersion7().ToString(), new { n = i }, DateTime.UtcNow,
            partnerId: tenant)))
        .ToList();
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await using (var insert = new NpgsqlCommand(
        $"INSERT INTO {Schema}.outbox (id, type, occurred_at, envelope) SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::jsonb[])",
        connection, transaction))
    {
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Id).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Type).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.OccurredAt).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = messages.Select(m => m.Envelope).ToArray(), DataTypeName = "jsonb[]" });
        await insert.ExecuteNonQueryAsync();
    }

    await transaction.CommitAsync();
    var committed = Stopwatch.GetTimestamp();
    return [.. messages.Select(m => (m.Id.ToString(), committed))];
}

async Task WaitForAsync(IEnumerable<string> ids, TimeSpan patience)
{
    // Only the ids not seen yet are looked at again, so waiting costs little of the CPU it measures.
    var missing = ids.ToList();
    var deadline = Stopwatch.StartNew();
    while ((missing = missing.FindAll(id => !received.ContainsKey(id))).Count > 0)
    {
        if (deadline.Elapsed > patience)
        {
            throw new TimeoutException($"{missing.Count} events were not delivered in {patience}.");
        }

        await Task.Delay(100);
    }
}

// Warm-up: connections, JIT, the consumer group.
await WaitForAsync((await WriteAsync(200)).Select(w => w.Id), TimeSpan.FromMinutes(2));

// 1. Throughput: a burst written in transactions of 1,000 events, as fast as the outbox takes them.
var start = Stopwatch.GetTimestamp();
var burstIds = new List<string>();
for (var written = 0; written < burst; written += 1000)
{
    burstIds.AddRange((await WriteAsync(Math.Min(1000, burst - written))).Select(w => w.Id));
}

await WaitForAsync(burstIds, TimeSpan.FromMinutes(10));
var burstSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

// 2. Latency at a steady rate: one event per transaction, BENCH_RATE a second.
var steady = new List<(string Id, long CommittedAt)>();
var clock = Stopwatch.StartNew();
for (var i = 0; i < rate * steadySeconds; i++)
{
    var due = TimeSpan.FromSeconds((double)i / rate);
    if (due > clock.Elapsed)
    {
        await Task.Delay(due - clock.Elapsed);
    }

    steady.AddRange(await WriteAsync(1));
}

await WaitForAsync(steady.Select(s => s.Id), TimeSpan.FromMinutes(5));
var latencies = steady.Select(s => Stopwatch.GetElapsedTime(s.CommittedAt, received[s.Id]).TotalMilliseconds).Order().ToList();
double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)];

Console.WriteLine();
Console.WriteLine("| measurement | result |");
Console.WriteLine("| --- | ---: |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| burst of {burst:N0} events: outbox insert to acknowledged delivery | {burst / burstSeconds:N0} deliveries/s ({burstSeconds:N1} s) |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| steady {rate}/s for {steadySeconds} s: commit to delivery p50 | {Percentile(50):N0} ms |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| p95 / p99 / max | {Percentile(95):N0} / {Percentile(99):N0} / {latencies[^1]:N0} ms |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| deliveries seen by the receiver (distinct webhook-id) | {received.Count:N0} |"));

await app.StopAsync();
await receiverApp.StopAsync();
