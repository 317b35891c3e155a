using System.Net.WebSockets;
using Coursera.Subgraphs.Tests.Support;
using Coursera.Subgraphs.WebSockets;
using Coursera.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Subgraphs.Tests;

/// <summary>The graphql-transport-ws protocol on the same path as HTTP, as a client such as graphql-ws sees it.</summary>
public sealed class WebSocketTests
{
    private static Task<SubgraphHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        SubgraphHost.StartAsync("Production", settings, services);

    [Fact]
    public async Task Connection_init_is_acknowledged_and_ping_is_answered_with_pong()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(host.Server);

        Assert.Equal(GraphQLWebSocketClient.SubProtocol, client.Socket.SubProtocol);
        await client.SendAsync(new { type = "connection_init" });
        Assert.Equal("connection_ack", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
        await client.SendAsync(new { type = "ping", payload = new { at = 1 } });
        Assert.Equal("pong", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ping_is_answered_before_connection_init_too()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(host.Server);

        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_subscription_gets_one_next_then_complete()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("q1", "query($n: String) { hello(name: $n) }", new { n = "socket" });

        var next = await client.ReceiveMessageAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Equal("q1", next["id"]!.GetValue<string>());
        Assert.Equal("Hello, socket!", next["payload"]!["data"]!["hello"]!.GetValue<string>());
        Assert.Null(next["payload"]!["errors"]);
        var complete = await client.ReceiveMessageAsync();
        Assert.Equal("complete", complete["type"]!.GetValue<string>());
        Assert.Equal("q1", complete["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mutation_runs_over_the_socket()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("m", "mutation { increment(by: 5) }");

        Assert.Equal(5, (await client.ReceiveMessageAsync())["payload"]!["data"]!["increment"]!.GetValue<int>());
        Assert.Equal("complete", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subscription_delivers_every_event_in_order_then_completes()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("s1", "subscription { ticks(count: 25) }");

        var values = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            var next = await client.ReceiveMessageAsync();
            Assert.Equal("next", next["type"]!.GetValue<string>());
            Assert.Equal("s1", next["id"]!.GetValue<string>());
            values.Add(next["payload"]!["data"]!["ticks"]!.GetValue<int>());
        }

        Assert.Equal(Enumerable.Range(1, 25), values);
        var complete = await client.ReceiveMessageAsync();
        Assert.Equal("complete", complete["type"]!.GetValue<string>());
        Assert.Equal("s1", complete["id"]!.GetValue<string>());
        Assert.Empty(await client.DrainWithPingAsync());
    }

    [Fact]
    public async Task Spaced_out_events_arrive_as_they_happen()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("s", "subscription { ticks(count: 3, intervalMs: 30) }");

        foreach (var expected in new[] { 1, 2, 3 })
        {
            Assert.Equal(expected, (await client.ReceiveMessageAsync())["payload"]!["data"]!["ticks"]!.GetValue<int>());
        }

        Assert.Equal("complete", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Operations_on_one_connection_run_side_by_side()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("forever", "subscription { forever(intervalMs: 20) }");
        Assert.Equal("forever", (await client.ReceiveMessageAsync())["id"]!.GetValue<string>());
        await client.SubscribeAsync("q", "{ hello }");

        var forQuery = new List<string>();
        while (forQuery.Count < 2)
        {
            var message = await client.ReceiveMessageAsync();
            if (message["id"]!.GetValue<string>() == "q")
            {
                forQuery.Add(message["type"]!.GetValue<string>());
            }
        }

        Assert.Equal(["next", "complete"], forQuery);
    }

    [Fact]
    public async Task Complete_from_the_client_stops_the_stream()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);
        var probe = host.Services.GetRequiredService<StreamProbe>();

        await client.SubscribeAsync("s", "subscription { forever(intervalMs: 10) }");
        Assert.Equal("next", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
        await client.SendAsync(new { id = "s", type = "complete" });

        await probe.Unsubscribed.WaitAsync(TimeSpan.FromSeconds(10));
        // Events already on their way may still arrive; once they are drained, nothing more comes, not even a complete.
        Assert.All(await client.DrainWithPingAsync(), m => Assert.Equal("next", m["type"]!.GetValue<string>()));
        await Task.Delay(100);
        Assert.Empty(await client.DrainWithPingAsync());
    }

    [Fact]
    public async Task The_id_of_a_completed_operation_can_be_used_again()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        foreach (var name in new[] { "first", "second" })
        {
            await client.SubscribeAsync("same", $"{{ hello(name: \"{name}\") }}");
            Assert.Equal($"Hello, {name}!", (await client.ReceiveMessageAsync())["payload"]!["data"]!["hello"]!.GetValue<string>());
            Assert.Equal("complete", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("{ nope }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("{ hello", "GRAPHQL_PARSE_FAILED")]
    [InlineData("query($n: Int!) { items(first: $n) { id } }", "BAD_USER_INPUT")]
    public async Task An_invalid_operation_gets_an_error_message_and_the_connection_stays_open(string query, string code)
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("bad", query);

        var error = await client.ReceiveMessageAsync();
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("bad", error["id"]!.GetValue<string>());
        var errors = error["payload"]!.AsArray();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e!["extensions"]?["code"]?.GetValue<string>())));
        Assert.Equal(code, errors[0]!["extensions"]!["code"]!.GetValue<string>());
        // error ends the operation: no complete follows, and the connection still serves.
        Assert.Empty(await client.DrainWithPingAsync());
        await client.SubscribeAsync("good", "{ hello }");
        Assert.Equal("next", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_resolver_error_is_a_next_with_errors_and_hides_internals()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("b", "{ boom }");

        var next = await client.ReceiveMessageAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Equal("INTERNAL", next["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("hunter2", next.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("complete", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "INTERNAL", "Internal server error.")]
    [InlineData("NOT_FOUND", "NOT_FOUND", "The course was deleted.")]
    public async Task A_failing_source_stream_ends_with_an_error_then_complete(string? thrownCode, string code, string message)
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("f", "subscription($code: String) { failing(code: $code) }", new { code = thrownCode });

        Assert.Equal(1, (await client.ReceiveMessageAsync())["payload"]!["data"]!["failing"]!.GetValue<int>());
        var failure = await client.ReceiveMessageAsync();
        Assert.Equal("next", failure["type"]!.GetValue<string>());
        var error = failure["payload"]!["errors"]![0]!;
        Assert.Equal(code, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.DoesNotContain("hunter2", failure.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("complete", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"type\": 1}")]
    [InlineData("{\"type\": \"hello\"}")]
    [InlineData("{\"type\": \"next\", \"id\": \"1\", \"payload\": {}}")]
    [InlineData("{\"type\": \"subscribe\", \"id\": \"1\"}")]
    [InlineData("{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {\"query\": 5}}")]
    [InlineData("{\"type\": \"subscribe\", \"id\": \"\", \"payload\": {\"query\": \"{ hello }\"}}")]
    [InlineData("{\"type\": \"subscribe\", \"payload\": {\"query\": \"{ hello }\"}}")]
    public async Task An_invalid_message_closes_with_4400(string message)
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SendTextAsync(message);

        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_binary_message_closes_with_4400()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.Socket.SendAsync("{\"type\":\"ping\"}"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);

        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_connection_init_payload_that_is_not_an_object_closes_with_4400()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(host.Server);

        await client.SendAsync(new { type = "connection_init", payload = "token" });

        Assert.Equal(4400, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Subscribe_before_the_ack_closes_with_4401()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAsync(host.Server);

        await client.SubscribeAsync("1", "{ hello }");

        Assert.Equal(4401, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task No_connection_init_within_the_timeout_closes_with_4408()
    {
        await using var host = await StartAsync(new() { ["GraphQL:ConnectionInitTimeout"] = "00:00:00.200" });
        await using var client = await GraphQLWebSocketClient.ConnectAsync(host.Server);

        Assert.Equal(4408, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_connection_initialised_in_time_outlives_the_timeout()
    {
        await using var host = await StartAsync(new() { ["GraphQL:ConnectionInitTimeout"] = "00:00:00.200" });
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await Task.Delay(500);

        Assert.Empty(await client.DrainWithPingAsync());
    }

    [Fact]
    public async Task A_second_subscribe_with_an_id_in_flight_closes_with_4409()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SubscribeAsync("dup", "subscription { forever }");
        Assert.Equal("next", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
        await client.SubscribeAsync("dup", "subscription { forever }");

        WebSocketCloseStatus? status;
        do
        {
            // ticks of the first operation may arrive before the close
            status = (await client.ReceiveAsync()).CloseStatus;
        }
        while (status is null);

        Assert.Equal(4409, (int)status);
    }

    [Fact]
    public async Task A_second_connection_init_closes_with_4429()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);

        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, await client.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_refusing_authorizer_closes_with_4403_and_an_accepting_one_sees_the_payload()
    {
        var authorizer = new TokenAuthorizer("let-me-in");
        await using var host = await StartAsync(services: s => s.AddSingleton<IWebSocketConnectionAuthorizer>(authorizer));

        await using (var refused = await GraphQLWebSocketClient.ConnectAsync(host.Server))
        {
            await refused.SendAsync(new { type = "connection_init", payload = new { token = "guess" } });
            Assert.Equal(4403, await refused.ReceiveCloseAsync());
        }

        await using (var anonymous = await GraphQLWebSocketClient.ConnectAsync(host.Server))
        {
            await anonymous.SendAsync(new { type = "connection_init" });
            Assert.Equal(4403, await anonymous.ReceiveCloseAsync());
        }

        await using var accepted = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server, new { token = "let-me-in" });
        await accepted.SubscribeAsync("1", "{ hello }");
        Assert.Equal("next", (await accepted.ReceiveMessageAsync())["type"]!.GetValue<string>());
        Assert.Equal(["guess", null, "let-me-in"], authorizer.Seen);
    }

    [Fact]
    public async Task The_server_answers_the_client_close_so_a_normal_close_completes_cleanly()
    {
        await using var host = await StartAsync();
        var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);
        await client.SubscribeAsync("s", "subscription { forever(intervalMs: 10) }");
        Assert.Equal("next", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);

        Assert.Equal(WebSocketState.Closed, client.Socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        await host.Services.GetRequiredService<StreamProbe>().Unsubscribed.WaitAsync(TimeSpan.FromSeconds(10));
        await client.DisposeAsync();
        Assert.Empty(host.Errors.Entries);
    }

    [Fact]
    public async Task An_upgrade_without_the_subprotocol_is_400()
    {
        await using var host = await StartAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => GraphQLWebSocketClient.ConnectAsync(host.Server, subProtocol: null));

        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upgrade_asking_for_another_subprotocol_is_400()
    {
        await using var host = await StartAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => GraphQLWebSocketClient.ConnectAsync(host.Server, subProtocol: "graphql-ws"));

        Assert.Contains("400", refused.Message, StringComparison.Ordinal);
    }

    private sealed class TokenAuthorizer(string token) : IWebSocketConnectionAuthorizer
    {
        public List<string?> Seen { get; } = [];

        public ValueTask<bool> AuthorizeAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload)
        {
            var given = payload is not null && payload.TryGetValue("token", out var value) ? value as string : null;
            lock (Seen)
            {
                Seen.Add(given);
            }

            return ValueTask.FromResult(given == token);
        }
    }

    [Fact]
    public async Task Stopping_the_server_closes_its_connections_with_going_away()
    {
        await using var host = await StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(host.Server);
        await client.SubscribeAsync("f", "subscription { forever(intervalMs: 60000) }");

        var stopping = host.StopAsync();

        Assert.Equal((int)WebSocketCloseStatus.EndpointUnavailable, await client.ReceiveCloseAsync());
        await stopping;
    }
}
