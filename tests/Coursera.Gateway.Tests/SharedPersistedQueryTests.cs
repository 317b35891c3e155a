using System.Net;
using System.Text.Json.Nodes;
using Coursera.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using static Coursera.Gateway.Tests.RateLimitTests;

namespace Coursera.Gateway.Tests;

/// <summary>
/// Automatic persisted queries across gateway instances: a document registered through one instance runs by its hash
/// through every other that shares the Redis, as a client balanced across instances expects; Redis can neither make a
/// hash run another document nor, by being away, fail a request.
/// </summary>
public sealed class SharedPersistedQueryTests
{
    private const string Query = "query Top { topProducts(first: 2) { upc name } }";

    private static readonly JsonNode Expected = JsonNode.Parse("""{"topProducts":[{"upc":"1","name":"Table"},{"upc":"2","name":"Couch"}]}""")!;

    [Fact]
    public async Task A_document_registered_on_one_instance_runs_by_its_hash_on_another_by_POST_GET_and_in_a_batch()
    {
        var prefix = NewCachePrefix();
        await using var first = await StartAsync(Instance(prefix));
        await using var second = await StartAsync(Instance(prefix));
        using var one = new GatewayClient(first.Federation.GatewayUrl);
        using var other = new GatewayClient(second.Federation.GatewayUrl);
        var extensions = GatewayClient.PersistedQuery(Query);

        var unknown = await other.PostAsync(new { extensions });
        var registration = await one.PostAsync(new { query = Query, extensions });
        var byPost = await other.PostAsync(new { extensions });
        var byGet = await other.GetAsync(new Dictionary<string, string?> { ["extensions"] = extensions.ToJsonString() });
        var batch = await other.PostRawAsync(new JsonArray(new JsonObject { ["extensions"] = extensions.DeepClone() }).ToJsonString(), GatewayClient.Json);

        Assert.Equal(GatewayErrorCodes.PersistedQueryNotFound, unknown.Code());
        foreach (var answer in new[] { registration, byPost, byGet })
        {
            Assert.True(answer.Status == HttpStatusCode.OK && JsonNode.DeepEquals(Expected, answer.Data()), answer.ToString());
        }

        Assert.True(JsonNode.DeepEquals(Expected, batch.Body?[0]?["data"]), batch.ToString());
    }

    [Fact]
    public async Task A_document_stored_in_Redis_under_a_hash_that_is_not_its_own_never_runs()
    {
        var prefix = NewCachePrefix();
        using (var redis = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = TestInfrastructure.Redis, InstanceName = prefix })))
        {
            await redis.SetStringAsync("apq:" + GatewayClient.Sha256(Query), "{ users { id name } }");
        }

        await using var gateway = await StartAsync(Instance(prefix));
        using var client = new GatewayClient(gateway.Federation.GatewayUrl);

        var answer = await client.PostAsync(new { extensions = GatewayClient.PersistedQuery(Query) });

        Assert.Equal(GatewayErrorCodes.PersistedQueryNotFound, answer.Code());
        Assert.False(answer.HasData);
    }

    [Fact]
    public async Task Without_Redis_a_document_is_still_registered_and_run_by_its_hash_on_the_same_instance()
    {
        await using var gateway = await StartAsync(Instance(NewCachePrefix(), redis: "127.0.0.1:1,connectTimeout=200"));
        using var client = new GatewayClient(gateway.Federation.GatewayUrl);
        var extensions = GatewayClient.PersistedQuery(Query);

        var registration = await client.PostAsync(new { query = Query, extensions });
        var byHash = await client.PostAsync(new { extensions });

        foreach (var answer in new[] { registration, byHash })
        {
            Assert.True(answer.Status == HttpStatusCode.OK && JsonNode.DeepEquals(Expected, answer.Data()), answer.ToString());
        }
    }

    private static RateLimitedFederation Instance(string cachePrefix, string? redis = null) =>
        new(RateLimitedFederation.NewKeyPrefix(), new Dictionary<string, string?> { ["Caching:KeyPrefix"] = cachePrefix }, redis);

    private static string NewCachePrefix() => $"test:apq:{Guid.NewGuid():N}:";
}
