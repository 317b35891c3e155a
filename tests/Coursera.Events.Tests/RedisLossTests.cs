using System.Diagnostics.Metrics;
using Coursera.Events.Handling;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Coursera.Events.Tests;

/// <summary>
/// Redis restarted empty (no persistence, a failover to a fresh replica): consumers create their groups again and carry
/// on, events Redis lost are published again and handled once, and a consumer that cannot make progress shows.
/// </summary>
public sealed class RedisLossTests
{
    [Fact]
    public async Task After_redis_restarts_empty_the_consumers_carry_on_and_every_event_is_handled_once()
    {
        await using var backbone = await EventBackbone.CreateAsync();
        var relay = backbone.Relay();
        var consumer = backbone.Consumer();
        var before = await backbone.WriteAsync(3);
        await relay.PublishBatchAsync(CancellationToken.None);
        await EventBackbone.DrainAsync(consumer);

        await backbone.LoseRedisDataAsync();
        Assert.Equal(0, await consumer.ConsumeOnceAsync(CancellationToken.None)); // NOGROUP: noticed, not thrown
        var after = await backbone.WriteAsync(2);
        Assert.Equal(5, await relay.PublishBatchAsync(CancellationToken.None)); // the three kept rows again, and the two new
        await EventBackbone.DrainAsync(consumer);

        Assert.Equal(before.Concat(after).Select(e => e.Id).Order(), (await backbone.HandledIdsAsync()).Order());
        Assert.Equal(0, (await backbone.Stream.StreamPendingAsync(backbone.Options.Stream, consumer.Group)).PendingMessageCount);
    }

    [Fact]
    public async Task Events_published_to_a_redis_that_then_lost_them_reach_a_consumer_that_never_saw_them()
    {
        await using var backbone = await EventBackbone.CreateAsync();
        var relay = backbone.Relay();
        var written = await backbone.WriteAsync(4);
        Assert.Equal(4, await relay.PublishBatchAsync(CancellationToken.None));
        Assert.Equal(0, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.outbox WHERE published_at IS NULL"));

        await backbone.LoseRedisDataAsync();
        Assert.Equal(4, await relay.PublishBatchAsync(CancellationToken.None)); // even with nothing new in the outbox
        Assert.Equal(0, await relay.PublishBatchAsync(CancellationToken.None));
        await EventBackbone.DrainAsync(backbone.Consumer());

        Assert.Equal(written.Select(e => e.Id).Order(), (await backbone.HandledIdsAsync()).Order());
    }

    [Fact]
    public async Task A_running_consumer_recovers_by_itself_when_its_group_disappears()
    {
        await using var backbone = await EventBackbone.CreateAsync();
        var consumer = backbone.Consumer();
        await consumer.StartAsync(CancellationToken.None);
        try
        {
            var relay = backbone.Relay();
            await backbone.WriteAsync(2);
            await relay.PublishBatchAsync(CancellationToken.None);
            await UntilAsync(async () => await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.handled") == 2);

            await backbone.LoseRedisDataAsync();
            await Task.Delay(100); // a few rounds meet NOGROUP
            await backbone.WriteAsync(3);
            await relay.PublishBatchAsync(CancellationToken.None);

            await UntilAsync(async () => await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.handled") == 5);
        }
        finally
        {
            await consumer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_consumer_that_cannot_reach_redis_shows_as_stalled_in_readiness_and_recovers_from_it()
    {
        await using var backbone = await EventBackbone.CreateAsync(o => o.StalledAfter = TimeSpan.FromMilliseconds(500));
        var unreachable = ConfigurationOptions.Parse("127.0.0.1:1");
        unreachable.AbortOnConnectFail = false;
        unreachable.ConnectTimeout = 200;
        unreachable.AsyncTimeout = 200;
        await using var nowhere = await ConnectionMultiplexer.ConnectAsync(unreachable);
        var stalled = backbone.Consumer("stalled-group", redis: nowhere);
        var healthy = backbone.Consumer("healthy-group");
        var check = new StalledConsumerCheck(backbone.Metrics, [stalled, healthy], Microsoft.Extensions.Options.Options.Create(backbone.Options));
        await stalled.StartAsync(CancellationToken.None);
        await healthy.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

            await Task.Delay(1500);
            var result = await check.CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Degraded, result.Status);
            Assert.Equal(["stalled-group"], result.Data.Keys);
        }
        finally
        {
            await stalled.StopAsync(CancellationToken.None);
            await healthy.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Published_events_are_counted_by_type()
    {
        await using var backbone = await EventBackbone.CreateAsync();
        var type = $"test.counted-{Guid.NewGuid():N}";
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EventMetrics.MeterName && instrument.Name == "coursera.events.published")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "type" && Equals(tag.Value, type))
                {
                    Interlocked.Add(ref counted, value);
                }
            }
        });
        listener.Start();

        await backbone.WriteAsync(7, type: type);
        await backbone.WriteAsync(2);
        while (await backbone.Relay().PublishBatchAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(7, Interlocked.Read(ref counted));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(20, patience.Token);
        }
    }
}
