using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Tests;

/// <summary>
/// <c>Gateway:PersistedOperations:Mode=AllowList</c>, with one operation listed in configuration and one in an Apollo
/// persisted-query manifest file.
/// </summary>
public sealed class AllowListFederation : BenchmarkFederationOverHttp, IDisposable
{
    public const string ConfiguredOperation = "query Me { me { id name } }";
    public const string ManifestOperation = "query Top { topProducts(first: 1) { upc name } }";

    private readonly string _manifest = Path.Combine(Path.GetTempPath(), $"allow-list-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_manifest);

    protected override void Configure(IDictionary<string, string?> settings)
    {
        File.WriteAllText(_manifest, new JsonObject
        {
            ["format"] = "apollo-persisted-query-manifest",
            ["version"] = 1,
            ["operations"] = new JsonArray(new JsonObject
            {
                ["id"] = GatewayClient.Sha256(ManifestOperation),
                ["name"] = "Top",
                ["type"] = "query",
                ["body"] = ManifestOperation,
            }),
        }.ToJsonString());
        settings["Gateway:PersistedOperations:Mode"] = "AllowList";
        settings["Gateway:PersistedOperations:File"] = _manifest;
        settings[$"Gateway:PersistedOperations:Operations:{GatewayClient.Sha256(ConfiguredOperation)}"] = ConfiguredOperation;
    }
}

public sealed class AllowListTests(AllowListFederation federation) : IClassFixture<AllowListFederation>, IDisposable
{
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose() => _client.Dispose();

    /// <summary><c>{ __typename }</c> is not listed either: a listed operation makes the gateway compose.</summary>
    private async Task ComposeAsync() => (await _client.PostAsync(new { query = AllowListFederation.ConfiguredOperation })).Data();

    [Fact]
    public async Task Listed_operations_run_by_hash_over_POST_and_GET_and_in_full()
    {
        await ComposeAsync();

        var byHash = await _client.PostAsync(new { extensions = GatewayClient.PersistedQuery(AllowListFederation.ManifestOperation) });
        var byGet = await _client.GetAsync(new Dictionary<string, string?>
        {
            ["extensions"] = GatewayClient.PersistedQuery(AllowListFederation.ConfiguredOperation).ToJsonString(),
        });
        var inFull = await _client.PostAsync(new { query = AllowListFederation.ConfiguredOperation });
        var inFullWithHash = await _client.PostAsync(new
        {
            query = AllowListFederation.ManifestOperation,
            extensions = GatewayClient.PersistedQuery(AllowListFederation.ManifestOperation),
        });

        Assert.Equal("Table", byHash.Data()["topProducts"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Uri Goldshtein", byGet.Data()["me"]!["name"]!.GetValue<string>());
        Assert.Equal("1", inFull.Data()["me"]!["id"]!.GetValue<string>());
        Assert.Equal("1", inFullWithHash.Data()["topProducts"]![0]!["upc"]!.GetValue<string>());
    }

    [Fact]
    public async Task Any_other_operation_is_refused_with_PERSISTED_QUERY_NOT_ALLOWED_before_any_fetch()
    {
        await ComposeAsync();
        var before = federation.SubgraphRequests;
        const string other = "{ users { id } }";

        var inFull = await _client.PostAsync(new { query = other });
        var typename = await _client.PostAsync(new { query = "{ __typename }" });
        var byHash = await _client.PostAsync(new { extensions = GatewayClient.PersistedQuery(other) });
        // The listed document with one byte changed is another document.
        var altered = await _client.PostAsync(new { query = AllowListFederation.ConfiguredOperation + " " });

        foreach (var answer in new[] { inFull, typename, byHash, altered })
        {
            Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.ToString());
            Assert.False(answer.HasData);
            Assert.Equal(GatewayErrorCodes.PersistedQueryNotAllowed, answer.Code());
        }

        Assert.Equal(before, federation.SubgraphRequests);
    }

    [Fact]
    public async Task Automatic_registration_is_off()
    {
        await ComposeAsync();
        var before = federation.SubgraphRequests;
        const string other = "{ me { username } }";

        var registration = await _client.PostAsync(new { query = other, extensions = GatewayClient.PersistedQuery(other) });
        var afterwards = await _client.PostAsync(new { extensions = GatewayClient.PersistedQuery(other) });

        Assert.Equal(GatewayErrorCodes.PersistedQueryNotAllowed, registration.Code());
        Assert.Equal(GatewayErrorCodes.PersistedQueryNotAllowed, afterwards.Code());
        Assert.Equal(before, federation.SubgraphRequests);
    }
}

/// <summary>A wrong allow-list stops the gateway at start-up, naming the entry, instead of failing clients later.</summary>
public sealed class AllowListStartupTests
{
    [Fact]
    public async Task An_entry_whose_hash_is_not_its_documents_sha256_fails_the_start()
    {
        var wrong = GatewayClient.Sha256("{ me { id } }");
        await using var app = Gateway(new Dictionary<string, string?>
        {
            ["Gateway:PersistedOperations:Mode"] = "AllowList",
            [$"Gateway:PersistedOperations:Operations:{wrong}"] = "{ users { id } }",
        });

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGateway());

        Assert.Contains(wrong, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_allow_list_fails_the_start()
    {
        await using var app = Gateway(new Dictionary<string, string?> { ["Gateway:PersistedOperations:Mode"] = "AllowList" });

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGateway());

        Assert.Contains("no operation is listed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_limit_fails_the_start()
    {
        await using var app = Gateway(new Dictionary<string, string?> { ["Gateway:MaxDepth"] = "-1" });

        var error = Assert.Throws<OptionsValidationException>(() => app.MapGateway());

        Assert.Contains("must be 0 (off) or positive", error.Message, StringComparison.Ordinal);
    }

    private static WebApplication Gateway(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGateway();
        return builder.Build();
    }
}
