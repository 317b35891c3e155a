using Coursera.Events.Handling;
using StackExchange.Redis;

namespace Coursera.Events.Tests;

/// <summary>Consumers: each event handled once per group, even when delivered twice; nothing lost when a consumer dies.</summary>
public sealed class EventConsumerTests
{
    [Fact]
    public async Task An_event_delivered_twice_is_handled_once_and_both_deliveries_are_acknowledged()
    {
        await using var backbone = await EventBackbone.CreateAsync();
        await backbone.WriteAsync(5);
        var relay = backbone.Relay();
        await relay.PublishBatchAsync(CancellationToken.None);

        // The relay died after adding to the stream and before its commit: the next round publishes the rows again.
        await backbone.CountAsync($"WITH reset AS (UPDATE {EventBackbone.Schema}.outbox SET published_at = NULL RETURNING 1) SELECT count(*) FROM reset");
        await relay.PublishBatchAsync(CancellationToken.None);
        Assert.Equal(10, await backbone.Stream.StreamLengthAsync(backbone.Options.Stream));

        var consumer = backbone.Consumer();
        while (await consumer.ConsumeOnceAsync(CancellationToken.None) > 0)
        {
        }

        Assert.Equal(5, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.handled"));
        var pending = await backbone.Stream.StreamPendingAsync(backbone.Options.Stream, consumer.Group);
        Assert.Equal(0, pending.PendingMessageCount);
    }

    [Fact]
    public async Task Each_group_gets_every_event_and_the_instances_of_a_group_share_them()
    {
        await using var backbone = await EventBackbone.CreateAsync(o => o.RelayBatchSize = 10);
        await backbone.WriteAsync(100);
        while (await backbone.Relay().PublishBatchAsync(CancellationToken.None) > 0)
        {
        }

        var first = backbone.Consumer("webhooks");
        var second = backbone.Consumer("webhooks");
        var other = backbone.Consumer("learner");
        await Task.WhenAll(EventBackbone.DrainAsync(first), EventBackbone.DrainAsync(second), EventBackbone.DrainAsync(other));

        Assert.Equal(200, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.handled"));
        Assert.Equal(100, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.inbox WHERE consumer = 'webhooks'"));
        Assert.Equal(100, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.inbox WHERE consumer = 'learner'"));
    }

    [Fact]
    public async Task Events_a_dead_consumer_left_unacknowledged_are_claimed_and_handled_by_another()
    {
        await using var backbone = await EventBackbone.CreateAsync(o => o.ClaimAfter = TimeSpan.FromMilliseconds(200));
        await backbone.Stream.StreamCreateConsumerGroupAsync(backbone.Options.Stream, "webhooks", "0-0", createStream: true);
        var written = await backbone.WriteAsync(3);
        await backbone.Relay().PublishBatchAsync(CancellationToken.None);

        // An instance of the group reads the three and dies before handling or acknowledging them.
        var taken = await backbone.Stream.StreamReadGroupAsync(backbone.Options.Stream, "webhooks", "dead-instance", StreamPosition.NewMessages);
        Assert.Equal(3, taken.Length);

        var survivor = backbone.Consumer("webhooks");
        Assert.Equal(0, await survivor.ConsumeOnceAsync(CancellationToken.None)); // not idle long enough to be claimed
        await Task.Delay(300);
        Assert.Equal(3, await survivor.ConsumeOnceAsync(CancellationToken.None));

        Assert.Equal(3, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.handled"));
        Assert.Equal(0, (await backbone.Stream.StreamPendingAsync(backbone.Options.Stream, "webhooks")).PendingMessageCount);
        Assert.Equal(written.Select(e => e.Id).Order(), (await backbone.HandledIdsAsync()).Order());
    }

    [Fact]
    public async Task A_handler_that_fails_leaves_nothing_half_done_and_the_event_is_retried()
    {
        await using var backbone = await EventBackbone.CreateAsync(o => o.ClaimAfter = TimeSpan.FromMilliseconds(100));
        await backbone.WriteAsync(1);
        await backbone.Relay().PublishBatchAsync(CancellationToken.None);
        var failing = true;
        var consumer = backbone.Consumer(failWhen: _ => failing);

        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.ConsumeOnceAsync(CancellationToken.None));
        Assert.Equal(0, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.handled"));
        Assert.Equal(0, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.inbox"));

        failing = false;
        await Task.Delay(150);
        Assert.Equal(1, await consumer.ConsumeOnceAsync(CancellationToken.None));
        Assert.Equal(1, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.handled"));
    }
}
