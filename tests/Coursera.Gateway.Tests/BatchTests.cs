using System.Net;
using System.Text.Json.Nodes;
using Coursera.Federation.Limits;

namespace Coursera.Gateway.Tests;

/// <summary>
/// Batched requests (a JSON array body): up to <c>Gateway:MaxBatchSize</c> operations (2 here) run and come back as an
/// array in order, each with its own protections; a larger batch is refused whole before anything runs.
/// </summary>
public sealed class BatchTests(LimitedFederation federation) : IClassFixture<LimitedFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_batch_within_MaxBatchSize_answers_each_operation_in_order()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new JsonArray(
            new JsonObject { ["query"] = "query Top($n: Int) { topProducts(first: $n) { upc } }", ["variables"] = new JsonObject { ["n"] = 1 } },
            new JsonObject { ["query"] = "{ me { username } }" }));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.MediaType);
        var responses = answer.Body!.AsArray();
        Assert.Equal(2, responses.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"data":{"topProducts":[{"upc":"1"}]}}"""), responses[0]), responses[0]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"data":{"me":{"username":"urigo"}}}"""), responses[1]), responses[1]!.ToJsonString());
    }

    [Fact]
    public async Task A_batch_larger_than_MaxBatchSize_is_refused_whole_before_any_fetch()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var answer = await _client.PostAsync(new JsonArray(
            new JsonObject { ["query"] = "{ me { id } }" },
            new JsonObject { ["query"] = "{ me { id } }" },
            new JsonObject { ["query"] = "{ me { id } }" }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(answer.HasData);
        Assert.Equal(GatewayErrorCodes.BatchLimitExceeded, answer.Code());
        Assert.Equal("The batch holds 3 operations; this endpoint accepts at most 2 in one request.", answer.Message());
        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task Each_operation_of_a_batch_passes_the_limits_on_its_own()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new JsonArray(
            new JsonObject { ["query"] = "{ users { reviews { product { reviews { author { id } } } } } }" },
            new JsonObject { ["query"] = "{ me { id } }" }));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var responses = answer.Body!.AsArray();
        Assert.Equal(OperationLimitCodes.DepthLimitExceeded, responses[0]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.False(responses[0]!.AsObject().ContainsKey("data"));
        Assert.Equal("1", responses[1]!["data"]!["me"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_malformed_operation_gets_its_own_error_and_the_others_still_run()
    {
        await _client.ComposeAsync();

        var answer = await _client.PostAsync(new JsonArray(new JsonObject { ["query"] = 42 }, new JsonObject { ["query"] = "{ me { id } }" }));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var responses = answer.Body!.AsArray();
        Assert.Equal("BAD_REQUEST", responses[0]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("1", responses[1]!["data"]!["me"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operation_of_a_batch_may_be_a_persisted_query_hash()
    {
        await _client.ComposeAsync();
        const string query = "{ me { name } }";
        (await _client.PostAsync(new { query, extensions = GatewayClient.PersistedQuery(query) })).Data();

        var answer = await _client.PostAsync(new JsonArray(
            new JsonObject { ["extensions"] = GatewayClient.PersistedQuery(query) },
            new JsonObject { ["extensions"] = GatewayClient.PersistedQueryHash(GatewayClient.Sha256("{ unknown }")) }));

        var responses = answer.Body!.AsArray();
        Assert.Equal("Uri Goldshtein", responses[0]!["data"]!["me"]!["name"]!.GetValue<string>());
        Assert.Equal(GatewayErrorCodes.PersistedQueryNotFound, responses[1]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}

/// <summary>Batching turned off (<c>Gateway:MaxBatchSize=0</c>).</summary>
public sealed class UnbatchedFederation : BenchmarkFederationOverHttp
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Gateway:MaxBatchSize"] = "0";
}

public sealed class BatchingOffTests(UnbatchedFederation federation) : IClassFixture<UnbatchedFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Any_batch_is_refused_with_400_saying_batches_are_not_accepted()
    {
        await _client.ComposeAsync();
        var before = federation.SubgraphRequests;

        var answer = await _client.PostAsync(new JsonArray(new JsonObject { ["query"] = "{ me { id } }" }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(GatewayErrorCodes.BatchLimitExceeded, answer.Code());
        Assert.Contains("does not accept batched requests", answer.Message(), StringComparison.Ordinal);
        Assert.Equal(before, federation.SubgraphRequests);
    }
}
