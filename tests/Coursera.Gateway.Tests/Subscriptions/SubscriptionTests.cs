using System.Text.Json.Nodes;
using Coursera.Testing;

namespace Coursera.Gateway.Tests.Subscriptions;

/// <summary>
/// Subscriptions through the gateway over graphql-transport-ws: forwarded to the subgraph that owns the root field,
/// each event completed with fields from other subgraphs, and ended cleanly from either side.
/// </summary>
public sealed class SubscriptionTests
{
    private const string PostAdded = """
        subscription($course: ID) { postAdded(courseId: $course) { body course { id title } } }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_event_arrives_with_the_fields_other_subgraphs_resolve(bool discussionsInProcess)
    {
        await using var federation = await DiscussionFederation.StartAsync(discussionsInProcess);
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
        await client.SubscribeAsync("s1", PostAdded, new { course = "c1" });
        await WaitForSubscribersAsync(federation, 1);

        await AddPostAsync(federation, "c2", "Not for this subscriber");
        await AddPostAsync(federation, "c1", "Week 1 is great");
        await AddPostAsync(federation, "c1", "Week 2 too");

        foreach (var body in new[] { "Week 1 is great", "Week 2 too" })
        {
            var next = await client.ReceiveMessageAsync();
            Assert.Equal("next", next["type"]!.GetValue<string>());
            Assert.Equal("s1", next["id"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(
                new JsonObject
                {
                    ["data"] = new JsonObject
                    {
                        ["postAdded"] = new JsonObject
                        {
                            ["body"] = body,
                            ["course"] = new JsonObject { ["id"] = "c1", ["title"] = "Machine Learning" },
                        },
                    },
                },
                next["payload"]), next.ToJsonString());
        }

        // One entity fetch per event, answered by the courses subgraph.
        Assert.Equal(2, federation.Catalog.EntityRequests);
    }

    [Fact]
    public async Task The_client_completing_its_operation_ends_the_subgraph_subscription()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
        await client.SubscribeAsync("s1", PostAdded);
        await WaitForSubscribersAsync(federation, 1);

        await client.SendAsync(new { id = "s1", type = "complete" });

        await WaitForSubscribersAsync(federation, 0);
        await AddPostAsync(federation, "c1", "Nobody listens");
        Assert.Empty(await client.DrainWithPingAsync());
    }

    [Fact]
    public async Task A_client_that_disconnects_ends_the_subgraph_subscription()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
        await client.SubscribeAsync("s1", PostAdded);
        await WaitForSubscribersAsync(federation, 1);

        client.Socket.Abort();
        await client.DisposeAsync();

        await WaitForSubscribersAsync(federation, 0);
    }

    [Fact]
    public async Task The_subgraph_completing_its_stream_completes_the_client_operation()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
        await client.SubscribeAsync("s1", PostAdded);
        await WaitForSubscribersAsync(federation, 1);

        federation.Feed.CompleteAll();

        var complete = await client.ReceiveMessageAsync();
        Assert.Equal("complete", complete["type"]!.GetValue<string>());
        Assert.Equal("s1", complete["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_subgraph_that_goes_away_ends_the_operation_with_an_error_instead_of_silence()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
        await client.SubscribeAsync("s1", PostAdded);
        await WaitForSubscribersAsync(federation, 1);

        await federation.StopDiscussionsAsync();

        var next = await client.ReceiveMessageAsync();
        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Null(next["payload"]!["data"]);
        Assert.Equal("SUBREQUEST_FAILED", next["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("discussions", next["payload"]!["errors"]![0]!["extensions"]!["service"]!.GetValue<string>());
        Assert.Equal("complete", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_subscription_is_refused_with_an_error_message_and_reaches_no_subgraph()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);

        await client.SubscribeAsync("bad", "subscription { postAdded { title } }");

        var error = await client.ReceiveMessageAsync();
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("bad", error["id"]!.GetValue<string>());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, federation.Feed.Subscribers);
    }

    [Fact]
    public async Task Two_root_fields_in_one_subscription_are_refused()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);

        await client.SubscribeAsync("two", "subscription { a: postAdded { body } b: postAdded { body } }");

        var error = await client.ReceiveMessageAsync();
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_over_the_socket_is_answered_once_then_completed()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        await using var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);

        await client.SubscribeAsync("q", """{ course(id: "c2") { title } subscriberCount }""");

        var next = await client.ReceiveMessageAsync();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"data":{"course":{"title":"Financial Markets"},"subscriberCount":0}}"""), next["payload"]),
            next.ToJsonString());
        Assert.Equal("complete", (await client.ReceiveMessageAsync())["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscriptions_over_HTTP_are_refused_with_a_pointer_to_the_WebSocket()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        using var client = new GatewayClient(federation.GatewayUrl);

        var answer = await client.PostAsync(new { query = "subscription { postAdded { body } }" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("graphql-transport-ws", answer.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task AddPostAsync(DiscussionFederation federation, string courseId, string body)
    {
        using var client = new GatewayClient(federation.GatewayUrl);
        var answer = await client.PostAsync(new
        {
            query = "mutation($course: ID!, $body: String!) { addPost(courseId: $course, body: $body) { id } }",
            variables = new { course = courseId, body },
        });
        answer.Data();
    }

    /// <summary>Subscribing crosses the gateway and a second socket; an event published before that would be missed.</summary>
    private static async Task WaitForSubscribersAsync(DiscussionFederation federation, int count)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (federation.Feed.Subscribers != count)
        {
            await Task.Delay(10, patience.Token);
        }
    }
}
