using System.Net;
using System.Text.Json.Nodes;

namespace Coursera.Gateway.Tests;

/// <summary>
/// Automatic persisted queries (Apollo's APQ protocol), on by default: a hash alone runs a document registered earlier
/// by hash and document together; an unknown hash asks the client for the document.
/// </summary>
public sealed class PersistedQueryTests(BenchmarkFederationOverHttp federation) : IClassFixture<BenchmarkFederationOverHttp>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task An_unknown_hash_alone_gets_PERSISTED_QUERY_NOT_FOUND_and_reaches_no_subgraph()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;
        var extensions = GatewayClient.PersistedQuery("{ me { id name } }");

        var post = await _client.PostAsync(new { extensions });
        var legacy = await _client.PostAsync(new { extensions }, GatewayClient.Json);
        var get = await _client.GetAsync(new Dictionary<string, string?> { ["extensions"] = extensions.ToJsonString() });

        foreach (var (answer, status) in new[] { (post, HttpStatusCode.BadRequest), (legacy, HttpStatusCode.OK), (get, HttpStatusCode.BadRequest) })
        {
            Assert.True(answer.Status == status, answer.ToString());
            Assert.False(answer.HasData);
            Assert.Equal(GatewayErrorCodes.PersistedQueryNotFound, answer.Code());
        }

        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task Hash_and_query_register_the_document_and_later_the_hash_alone_runs_it_by_POST_and_GET()
    {
        await _client.ComposeAsync();
        const string query = "query Top { topProducts(first: 2) { upc name } }";
        var extensions = GatewayClient.PersistedQuery(query);
        var expected = JsonNode.Parse("""{"topProducts":[{"upc":"1","name":"Table"},{"upc":"2","name":"Couch"}]}""");

        var registration = await _client.PostAsync(new { query, extensions });
        var byPost = await _client.PostAsync(new { extensions, operationName = "Top" });
        var byGet = await _client.GetAsync(new Dictionary<string, string?> { ["extensions"] = extensions.ToJsonString() });

        foreach (var answer in new[] { registration, byPost, byGet })
        {
            Assert.True(JsonNode.DeepEquals(expected, answer.Data()), answer.ToString());
        }
    }

    [Fact]
    public async Task A_hash_that_is_not_the_queries_sha256_is_refused_and_registers_nothing()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;
        var hashOfAnother = GatewayClient.PersistedQuery("{ me { id } }");

        var mismatch = await _client.PostAsync(new { query = "{ users { id name } }", extensions = hashOfAnother });
        var afterwards = await _client.PostAsync(new { extensions = hashOfAnother });

        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Equal(GatewayErrorCodes.PersistedQueryHashMismatch, mismatch.Code());
        Assert.Equal(GatewayErrorCodes.PersistedQueryNotFound, afterwards.Code());
        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task A_document_that_fails_validation_is_not_registered()
    {
        await _client.ComposeAsync();
        const string query = "{ me { noSuchField } }";
        var extensions = GatewayClient.PersistedQuery(query);

        var invalid = await _client.PostAsync(new { query, extensions });
        var afterwards = await _client.PostAsync(new { extensions });

        Assert.Equal("GRAPHQL_VALIDATION_FAILED", invalid.Code());
        Assert.Equal(GatewayErrorCodes.PersistedQueryNotFound, afterwards.Code());
    }

    [Theory]
    [InlineData("""{"version":2,"sha256Hash":"0000000000000000000000000000000000000000000000000000000000000000"}""", "version must be 1")]
    [InlineData("""{"version":1,"sha256Hash":"not-a-hash"}""", "64 hex digits")]
    [InlineData("""{"version":1}""", "64 hex digits")]
    [InlineData("\"abc\"", "must be an object")]
    public async Task A_malformed_persisted_query_extension_is_a_BAD_REQUEST(string persistedQuery, string message)
    {
        await _client.ComposeAsync();

        var alone = await _client.PostRawAsync($$$"""{"extensions":{"persistedQuery":{{{persistedQuery}}}}}""");
        var withQuery = await _client.PostRawAsync($$$"""{"query":"{ me { id } }","extensions":{"persistedQuery":{{{persistedQuery}}}}}""");

        foreach (var answer in new[] { alone, withQuery })
        {
            Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.ToString());
            Assert.Equal("BAD_REQUEST", answer.Code());
            Assert.Contains(message, answer.Message(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Other_extensions_leave_a_request_alone()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new { query = "{ me { id } }", extensions = new { tracing = true } });

        Assert.Equal("1", answer.Data()["me"]!["id"]!.GetValue<string>());
    }
}

/// <summary>An APQ cache of 2,000 bytes: a document of more than about 870 characters does not fit.</summary>
public sealed class SmallPersistedQueryCacheFederation : BenchmarkFederationOverHttp
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Gateway:PersistedOperations:CacheSizeBytes"] = "2000";
}

public sealed class PersistedQueryCacheBoundTests(SmallPersistedQueryCacheFederation federation)
    : IClassFixture<SmallPersistedQueryCacheFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_document_larger_than_the_cache_runs_but_is_not_kept_while_a_small_one_is()
    {
        await _client.ComposeAsync();
        var large = "{ me { id } }\n#" + new string('x', 1000);
        const string small = "{ me { name } }";

        (await _client.PostAsync(new { query = large, extensions = GatewayClient.PersistedQuery(large) })).Data();
        (await _client.PostAsync(new { query = small, extensions = GatewayClient.PersistedQuery(small) })).Data();

        Assert.Equal(GatewayErrorCodes.PersistedQueryNotFound, (await _client.PostAsync(new { extensions = GatewayClient.PersistedQuery(large) })).Code());
        Assert.Equal("Uri Goldshtein", (await _client.PostAsync(new { extensions = GatewayClient.PersistedQuery(small) })).Data()["me"]!["name"]!.GetValue<string>());
    }
}
