using Coursera.Sdk.Tests.Doubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coursera.Sdk.Tests;

/// <summary>The access token: fetched once, reused, renewed before it expires, and replaced once when the platform refuses it.</summary>
[Collection(SharedPlatform.Name)]
public sealed class TokenTests(SdkPlatformApp platform)
{
    [Fact]
    public async Task Concurrent_calls_wait_for_one_token_and_later_calls_reuse_it()
    {
        await using var sdk = platform.Sdk(inner => new TokenWatch(inner));
        var client = sdk.Client;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.Me.GetMeAsync()));
        await sdk.Client.Me.GetMeAsync();

        Assert.Equal(1, sdk.Transport.TokenRequests);
        Assert.All(sdk.Transport.ApiStatuses, status => Assert.Equal(200, status));
    }

    [Fact]
    public async Task A_token_the_platform_refuses_is_replaced_once_and_the_call_succeeds()
    {
        await using var sdk = platform.Sdk(inner => new TokenWatch(inner, spoilFirstToken: true));

        var me = await sdk.Client.Me.GetMeAsync();

        Assert.Equal(platform.ClientId, me.ClientId);
        Assert.Equal([401, 200], sdk.Transport.ApiStatuses);
        Assert.Equal(2, sdk.Transport.TokenRequests);
    }

    [Fact]
    public async Task A_token_is_renewed_shortly_before_it_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sdk = platform.Sdk(inner => new TokenWatch(inner), services: s => s.AddSingleton<TimeProvider>(clock));
        var client = sdk.Client;
        var watch = sdk.Transport;

        await client.Me.GetMeAsync();
        var lifetime = watch.TokenLifetime;
        Assert.True(lifetime > TimeSpan.FromMinutes(3), $"tokens live {lifetime}");
        clock.Advance(lifetime - TimeSpan.FromMinutes(2));
        await client.Me.GetMeAsync();
        Assert.Equal(1, watch.TokenRequests);

        // The SDK renews a token a minute before it expires.
        clock.Advance(TimeSpan.FromMinutes(1.5));
        await client.Me.GetMeAsync();
        Assert.Equal(2, watch.TokenRequests);
    }
}
