using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coursera.Subgraphs.Internal;
using Coursera.Subgraphs.Tests.Support;
using Coursera.Testing;

namespace Coursera.Subgraphs.Tests;

/// <summary>
/// The security review's F5, F12 and item 10 at the subgraph toolkit: only the gateway reaches a subgraph, the gateway's
/// alias and root-field limits hold at the subgraph too, a socket runs a bounded number of operations, and a body
/// that is not UTF-8 is the client's error.
/// </summary>
public sealed class GatewayEdgeTests
{
    [Fact]
    public async Task Outside_development_a_subgraph_without_a_gateway_key_refuses_to_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SubgraphHost.StartAsync("Production", new Dictionary<string, string?> { [GatewayCredential.KeySetting] = "" }));
        Assert.Contains(GatewayCredential.KeySetting, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ _service { sdl } }")]
    [InlineData("{ hello }")]
    public async Task A_request_without_the_gateway_signature_gets_403(string query)
    {
        await using var host = await SubgraphHost.StartAsync("Production");
        using var unsigned = host.Server.CreateClient();
        using var content = new StringContent($$"""{"query":"{{query}}"}""", Encoding.UTF8, "application/json");

        using var response = await unsigned.PostAsync("/graphql", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("sdl", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_upgrade_without_the_gateway_signature_is_refused()
    {
        await using var host = await SubgraphHost.StartAsync("Production");
        var client = host.Server.CreateWebSocketClient();
        client.SubProtocols.Add(GraphQLWebSocketClient.SubProtocol);

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(host.Server.BaseAddress, "graphql"), CancellationToken.None));
    }

    [Fact]
    public async Task In_development_without_a_key_the_subgraph_serves_as_before()
    {
        await using var host = await SubgraphHost.StartAsync("Development");
        using var unsigned = host.Server.CreateClient();
        using var content = new StringContent("""{"query":"{ hello }"}""", Encoding.UTF8, "application/json");
        using var response = await unsigned.PostAsync("/graphql", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Twenty_thousand_aliases_are_refused_before_anything_runs()
    {
        await using var host = await SubgraphHost.StartAsync("Production");
        var query = "{ " + string.Join(' ', Enumerable.Range(0, 20_000).Select(i => $"a{i}: hello")) + " }";

        var result = await host.PostAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("ALIAS_LIMIT_EXCEEDED", result.Codes);
        Assert.Null(result.Data);
    }

    [Fact]
    public async Task Aliases_count_once_per_fragment_spread_and_root_fields_through_fragments()
    {
        await using var host = await SubgraphHost.StartAsync("Production",
            new Dictionary<string, string?> { ["GraphQL:MaxAliases"] = "5", ["GraphQL:MaxRootFields"] = "3" });

        var aliases = await host.PostAsync("{ ...F ... on Query { ...F } ...F } fragment F on Query { a: hello b: hello }");
        Assert.Contains("ALIAS_LIMIT_EXCEEDED", aliases.Codes);

        var rootFields = await host.PostAsync("{ hello ...G } fragment G on Query { x: hello y: hello z: hello }");
        Assert.Contains("ROOT_FIELD_LIMIT_EXCEEDED", rootFields.Codes);

        var allowed = await host.PostAsync("{ a: hello b: hello ... on Query { c: hello } }");
        Assert.Equal(3, allowed.Ok().AsObject().Count);
    }

    [Fact]
    public async Task A_socket_runs_at_most_its_limit_of_operations_at_once_and_refuses_one_more_with_a_code()
    {
        // A subgraph's sockets come from the gateway, which carries many clients' subscriptions on each: their limit is
        // MaxOperationsPerGatewayConnection (1000 by default), set to ten here.
        await using var host = await SubgraphHost.StartAsync("Production",
            new Dictionary<string, string?> { ["GraphQL:MaxOperationsPerGatewayConnection"] = "10" });
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);
        for (var i = 0; i < 10; i++)
        {
            await client.SubscribeAsync($"s{i}", "subscription { forever(intervalMs: 600000) }");
        }

        await client.SubscribeAsync("s10", "subscription { forever(intervalMs: 600000) }");
        var refused = await NextForAsync(client, "s10");
        Assert.Equal("error", refused["type"]!.GetValue<string>());
        Assert.Equal("TOO_MANY_OPERATIONS", refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());

        // The connection and its operations carry on; completing one makes room for another.
        await client.SendAsync(new { id = "s0", type = "complete" });
        await client.SubscribeAsync("q", "{ hello }");
        var answered = await NextForAsync(client, "q");
        Assert.Equal("next", answered["type"]!.GetValue<string>());
        Assert.Equal("Hello, world!", answered["payload"]!["data"]!["hello"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task A_body_whose_strings_are_not_utf8_is_400(byte[] invalid)
    {
        await using var host = await SubgraphHost.StartAsync("Production");
        var body = Encoding.UTF8.GetBytes("{\"query\":\"{ hello(name: \\\"x").Concat(invalid).Concat(Encoding.UTF8.GetBytes("\\\") }\"}")).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var result = await host.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("application/problem+json", result.MediaType);
        Assert.Empty(host.Errors.Entries);
    }

    [Fact]
    public async Task An_escaped_lone_surrogate_is_400()
    {
        await using var host = await SubgraphHost.StartAsync("Production");

        var result = await host.PostJsonAsync("""{"query":"{ hello }","operationName":"\ud800"}""");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Empty(host.Errors.Entries);
    }

    /// <summary>The next message about one operation, past the others' (ticks, acknowledgements).</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> NextForAsync(GraphQLWebSocketClient client, string id)
    {
        while (true)
        {
            var message = await client.ReceiveMessageAsync();
            if (message["id"]?.GetValue<string>() == id)
            {
                return message;
            }
        }
    }
}
