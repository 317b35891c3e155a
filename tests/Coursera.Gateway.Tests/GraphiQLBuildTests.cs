using System.Net;
using Microsoft.Extensions.Hosting;

namespace Coursera.Gateway.Tests;

/// <summary>A test of the real GraphiQL build, which needs Node.js: test.sh runs build.sh and then sets COURSERA_TEST_GRAPHIQL=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GraphiQLBuildFactAttribute : FactAttribute
{
    public GraphiQLBuildFactAttribute() => Skip = GraphiQLBuilt.SkipReason;
}

[AttributeUsage(AttributeTargets.Method)]
public sealed class GraphiQLBuildTheoryAttribute : TheoryAttribute
{
    public GraphiQLBuildTheoryAttribute() => Skip = GraphiQLBuilt.SkipReason;
}

internal static class GraphiQLBuilt
{
    public const string Variable = "COURSERA_TEST_GRAPHIQL";

    public static string? SkipReason => Environment.GetEnvironmentVariable(Variable) == "1"
        ? null
        : $"{Variable} is not 1: GraphiQL was not built (api/Coursera.Gateway/GraphiQL/web/build.sh).";
}

/// <summary>A developer's gateway, with no GraphiQL setting: it finds build.sh's output in the source tree.</summary>
public sealed class SourceTreeGraphiQLFederation : BenchmarkFederationOverHttp
{
    protected override string Environment => Environments.Development;
}

public sealed class GraphiQLBuildTests(SourceTreeGraphiQLFederation federation) : IClassFixture<SourceTreeGraphiQLFederation>, IDisposable
{
    private readonly Browser _browser = new();

    public void Dispose() => _browser.Dispose();

    [GraphiQLBuildFact]
    public async Task The_built_page_loads_the_bundle_and_its_styles()
    {
        var page = await _browser.GetAsync(federation.GatewayUrl);

        Assert.True(page.Status == HttpStatusCode.OK && page.MediaType == "text/html", page.ToString());
        Assert.Contains("id=\"graphiql-settings\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("src=\"/graphiql/graphiql.js\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/graphiql/graphiql.css\"", page.Body, StringComparison.Ordinal);
    }

    [GraphiQLBuildTheory]
    [InlineData("graphiql.js", "text/javascript")]
    [InlineData("graphiql.css", "text/css")]
    [InlineData("editor.worker.js", "text/javascript")]
    [InlineData("graphql.worker.js", "text/javascript")]
    [InlineData("json.worker.js", "text/javascript")]
    public async Task The_bundle_styles_and_editor_workers_are_served(string file, string mediaType)
    {
        var asset = await _browser.GetAsync(new Uri(federation.GatewayUrl, $"/graphiql/{file}"), "*/*");

        Assert.True(asset.Status == HttpStatusCode.OK && asset.MediaType == mediaType, $"{file}: {asset.Status} {asset.MediaType}");
        Assert.True(asset.Body.Length > 10_000, $"{file} has {asset.Body.Length} characters: not a real build.");
    }

    [GraphiQLBuildFact]
    public async Task The_bundle_starts_its_editor_workers_from_its_own_folder()
    {
        var bundle = await _browser.GetAsync(new Uri(federation.GatewayUrl, "/graphiql/graphiql.js"), "*/*");

        foreach (var worker in new[] { "./editor.worker.js", "./graphql.worker.js", "./json.worker.js" })
        {
            Assert.Contains(worker, bundle.Body, StringComparison.Ordinal);
        }
    }
}
