using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Coursera.ServiceDefaults.Caching;

/// <summary>
/// The Redis pub/sub channel on which instances tell each other which tags to drop. Each instance drops what it
/// hears from its own memory and records the tag's time in Redis, so an entry read back from Redis afterwards is
/// refused too. A message sent while an instance was disconnected is lost to it, so an instance that reconnects
/// drops everything it holds. Without Redis there is one instance and nothing to tell.
/// </summary>
public sealed partial class CacheInvalidationChannel(IServiceProvider services, CacheKeyPrefix prefix, ILogger<CacheInvalidationChannel> logger)
    : IHostedService
{
    private const string Everything = "*";

    private readonly IConnectionMultiplexer? _redis = services.GetService<IConnectionMultiplexer>();
    private readonly RedisChannel _channel = RedisChannel.Literal(prefix.Value + "invalidate");
    private Task _subscribing = Task.CompletedTask;
    private volatile bool _stopped;

    public async Task PublishAsync(IReadOnlyCollection<string> tags)
    {
        if (_redis is null)
        {
            return;
        }

        try
        {
            await _redis.GetSubscriber().PublishAsync(_channel, JsonSerializer.Serialize(tags)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            // The change is committed; other instances drop their copies when they reconnect (everything), when the
            // change's event reaches the service's consumer, or at the entries' expiration, whichever comes first.
            LogPublishFailed(logger, e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return Task.CompletedTask;
        }

        _redis.ConnectionRestored += DropEverything;
        // Not awaited: a service must start while Redis is down (it serves from PostgreSQL meanwhile), so the
        // subscription is retried in the background until Redis answers.
        _subscribing = SubscribeAsync(_redis);
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync(IConnectionMultiplexer redis)
    {
        while (!_stopped)
        {
            try
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
                queue.OnMessage(async message =>
                {
                    var tags = JsonSerializer.Deserialize<string[]>(message.Message.ToString()) ?? [];
                    await services.GetRequiredService<HybridCache>().RemoveByTagAsync(tags).ConfigureAwait(false);
                });
                return;
            }
            catch (Exception e) when (e is RedisException or RedisTimeoutException)
            {
                LogSubscribeFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return;
        }

        _redis.ConnectionRestored -= DropEverything;
        _stopped = true;
        await _subscribing.ConfigureAwait(false);
        try
        {
            await _redis.GetSubscriber().UnsubscribeAsync(_channel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or ObjectDisposedException)
        {
            // Redis is gone (or the connection was closed first, when a host is stopped after its disposal); so is the
            // subscription.
        }
    }

    private void DropEverything(object? sender, ConnectionFailedEventArgs e) =>
        _ = services.GetRequiredService<HybridCache>().RemoveByTagAsync(Everything).AsTask();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to the cache's invalidation channel; retrying (until then this instance's entries expire on their own)")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other instances to drop cached entries; they expire on their own.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
