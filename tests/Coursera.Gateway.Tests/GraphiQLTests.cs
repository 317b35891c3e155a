using System.Net;
using System.Text.Json.Nodes;

namespace Coursera.Gateway.Tests;

/// <summary>
/// In Development a browser opening the GraphQL path gets GraphiQL, and the page's files are served beside it; every
/// request that carries an operation, and every request of a GraphQL client, still reaches the endpoint.
/// </summary>
public sealed class DevelopmentGraphiQLTests(DevelopmentGraphiQLFederation federation) : IClassFixture<DevelopmentGraphiQLFederation>, IDisposable
{
    private readonly Browser _browser = new();
    private readonly GatewayClient _client = new(federation.GatewayUrl);

    public void Dispose()
    {
        _browser.Dispose();
        _client.Dispose();
    }

    [Theory]
    [InlineData(Browser.NavigationAccept)]
    [InlineData("text/html")]
    public async Task A_browser_opening_the_GraphQL_path_gets_the_page_that_loads_the_bundle(string accept)
    {
        var page = await _browser.GetAsync(federation.GatewayUrl, accept);

        Assert.True(page.Status == HttpStatusCode.OK, page.ToString());
        Assert.Equal("text/html", page.MediaType);
        Assert.Equal("utf-8", page.ContentType!.CharSet);
        Assert.Contains("<script type=\"module\" src=\"/graphiql/graphiql.js\"></script>", page.Body, StringComparison.Ordinal);
        Assert.True(page.CacheControl?.NoStore, "A rebuild must show at the next reload.");
    }

    [Fact]
    public async Task The_page_carries_the_endpoint_and_the_client_that_signs_developers_in()
    {
        var page = await _browser.GetAsync(federation.GatewayUrl);

        const string Start = "<script id=\"graphiql-settings\" type=\"application/json\">";
        var at = page.Body.IndexOf(Start, StringComparison.Ordinal);
        Assert.True(at >= 0, page.ToString());
        Assert.DoesNotContain("<!-- graphiql-settings -->", page.Body, StringComparison.Ordinal);
        var json = page.Body[(at + Start.Length)..page.Body.IndexOf("</script>", at, StringComparison.Ordinal)];
        var settings = JsonNode.Parse(json)!;
        Assert.Equal("/graphql", settings["endpoint"]!.GetValue<string>());
        Assert.Equal("coursera-graphiql", settings["clientId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_return_from_sign_in_gets_the_page_too()
    {
        var page = await _browser.GetAsync(new Uri(federation.GatewayUrl, "?code=abc&state=xyz"));

        Assert.True(page.Status == HttpStatusCode.OK && page.MediaType == "text/html", page.ToString());
    }

    [Fact]
    public async Task The_bundle_is_served_as_JavaScript_and_revalidated()
    {
        var bundle = await _browser.GetAsync(new Uri(federation.GatewayUrl, "/graphiql/graphiql.js"), "*/*");
        var styles = await _browser.GetAsync(new Uri(federation.GatewayUrl, "/graphiql/graphiql.css"), "text/css,*/*;q=0.1");

        Assert.True(bundle.Status == HttpStatusCode.OK, bundle.ToString());
        Assert.Equal("text/javascript", bundle.MediaType);
        Assert.Equal(GraphiQLFederation.Bundle, bundle.Body);
        Assert.True(bundle.CacheControl?.NoCache);
        Assert.True(styles.Status == HttpStatusCode.OK && styles.MediaType == "text/css", styles.ToString());
    }

    [Theory]
    [InlineData("/graphiql/missing.js")]
    [InlineData("/graphiql/..%2Fsecret.js")]
    [InlineData("/graphiql/.hidden.js")]
    [InlineData("/graphiql/index.unknown-extension")]
    public async Task Nothing_but_the_build_folders_own_files_is_served(string path)
    {
        var page = await _browser.GetAsync(new Uri(federation.GatewayUrl, path), "*/*");

        Assert.True(page.Status == HttpStatusCode.NotFound, page.ToString());
    }

    [Theory]
    [InlineData(GatewayClient.Json)]
    [InlineData(GatewayClient.GraphQLResponse)]
    [InlineData("*/*")]
    public async Task A_GET_with_a_query_still_executes(string accept)
    {
        var answer = await _client.GetAsync(new Dictionary<string, string?> { ["query"] = "{ __typename }" }, accept);

        Assert.Equal("Query", answer.Data()["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_browser_GET_with_a_query_is_left_to_the_endpoint()
    {
        var answer = await _browser.GetAsync(new Uri(federation.GatewayUrl, "?query=%7B__typename%7D"), "text/html");

        // As in Production: the endpoint has nothing HTML to offer.
        Assert.True(answer.Status == HttpStatusCode.NotAcceptable, answer.ToString());
    }

    [Fact]
    public async Task A_client_GET_without_a_query_still_gets_the_endpoints_error()
    {
        var answer = await _client.GetAsync(new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.NotEqual("text/html", answer.MediaType);
    }

    [Fact]
    public async Task POST_is_never_GraphiQLs()
    {
        var answer = await _client.PostAsync(new { query = "{ __typename }" }, "text/html");

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Status);
        Assert.NotEqual("text/html", answer.MediaType);
    }
}

/// <summary>Outside Development, or switched off, the path answers browsers as the endpoint always did, and serves no files.</summary>
public sealed class ProductionGraphiQLTests(ProductionGraphiQLFederation federation) : IClassFixture<ProductionGraphiQLFederation>, IDisposable
{
    private readonly Browser _browser = new();

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task A_browser_gets_no_GraphiQL() => await GraphiQLOff.AssertAsync(_browser, federation.GatewayUrl);
}

public sealed class DisabledGraphiQLTests(DisabledGraphiQLFederation federation) : IClassFixture<DisabledGraphiQLFederation>, IDisposable
{
    private readonly Browser _browser = new();

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task Gateway_GraphiQL_Enabled_false_turns_it_off_in_Development() => await GraphiQLOff.AssertAsync(_browser, federation.GatewayUrl);
}

internal static class GraphiQLOff
{
    public static async Task AssertAsync(Browser browser, Uri graphQLUrl)
    {
        var page = await browser.GetAsync(graphQLUrl, "text/html");
        var navigation = await browser.GetAsync(graphQLUrl);
        var bundle = await browser.GetAsync(new Uri(graphQLUrl, "/graphiql/graphiql.js"), "*/*");

        Assert.True(page.Status == HttpStatusCode.NotAcceptable, page.ToString());
        Assert.NotEqual("text/html", navigation.MediaType);
        Assert.True(bundle.Status == HttpStatusCode.NotFound, bundle.ToString());
    }
}

/// <summary>Before build.sh has run, a developer is told how to build GraphiQL instead of getting an error page.</summary>
public sealed class UnbuiltGraphiQLTests(UnbuiltGraphiQLFederation federation) : IClassFixture<UnbuiltGraphiQLFederation>, IDisposable
{
    private readonly Browser _browser = new();

    public void Dispose() => _browser.Dispose();

    [Fact]
    public async Task The_page_says_how_to_build_GraphiQL()
    {
        var page = await _browser.GetAsync(federation.GatewayUrl);

        Assert.True(page.Status == HttpStatusCode.ServiceUnavailable, page.ToString());
        Assert.Equal("text/plain", page.MediaType);
        Assert.Contains("api/Coursera.Gateway/GraphiQL/web/build.sh", page.Body, StringComparison.Ordinal);
        Assert.Contains(UnbuiltGraphiQLFederation.MissingFolder, page.Body, StringComparison.Ordinal);
    }
}
