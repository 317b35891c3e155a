using System.Text.Json.Nodes;
using Coursera.Testing;

namespace Coursera.Gateway.Tests.Subscriptions;

/// <summary>
/// Clients' subscriptions to one subgraph share the gateway's connection to it, multiplexed by operation id: a thousand
/// subscriptions cost the subgraph one socket, every event reaches every subscriber, and one subscription ending ends only
/// its own operation at the subgraph.
/// </summary>
public sealed class SharedSubscriptionConnectionTests
{
    private const string PostAdded = "subscription { postAdded(courseId: \"c1\") { body course { title } } }";

    [Fact]
    public async Task A_thousand_subscriptions_share_one_subgraph_connection_and_each_gets_every_event()
    {
        const int Clients = 10, PerClient = 100;
        await using var federation = await DiscussionFederation.StartAsync(gatewaySettings: new Dictionary<string, string?>
        {
            ["GraphQL:MaxOperationsPerConnection"] = PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var clients = new List<GraphQLWebSocketClient>();
        try
        {
            for (var c = 0; c < Clients; c++)
            {
                var client = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
                clients.Add(client);
                for (var i = 0; i < PerClient; i++)
                {
                    await client.SubscribeAsync($"s{i}", PostAdded);
                }
            }

            await WaitUntilAsync(() => federation.Feed.Subscribers == Clients * PerClient);
            Assert.Equal(1, federation.DiscussionsConnections);

            await AddPostAsync(federation, "Shared by everyone");

            foreach (var client in clients)
            {
                var ids = new HashSet<string>();
                for (var i = 0; i < PerClient; i++)
                {
                    var next = await client.ReceiveMessageAsync();
                    Assert.Equal("next", next["type"]!.GetValue<string>());
                    Assert.Equal("Shared by everyone", next["payload"]!["data"]!["postAdded"]!["body"]!.GetValue<string>());
                    Assert.Equal("Machine Learning", next["payload"]!["data"]!["postAdded"]!["course"]!["title"]!.GetValue<string>());
                    ids.Add(next["id"]!.GetValue<string>());
                }

                Assert.Equal(PerClient, ids.Count);
            }

            // Every client leaving ends every operation, and the connection with the last one.
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            clients.Clear();
            await WaitUntilAsync(() => federation.Feed.Subscribers == 0 && federation.DiscussionsConnections == 0);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Completing_one_of_two_subscriptions_on_a_shared_connection_ends_only_that_one()
    {
        await using var federation = await DiscussionFederation.StartAsync();
        await using var first = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
        await using var second = await GraphQLWebSocketClient.ConnectAndInitAsync(federation.GatewayUrl);
        await first.SubscribeAsync("a", PostAdded);
        await second.SubscribeAsync("b", PostAdded);
        await WaitUntilAsync(() => federation.Feed.Subscribers == 2);
        Assert.Equal(1, federation.DiscussionsConnections);

        await first.SendAsync(new { id = "a", type = "complete" });
        await WaitUntilAsync(() => federation.Feed.Subscribers == 1);
        await AddPostAsync(federation, "Only b listens");

        var next = await second.ReceiveMessageAsync();
        Assert.Equal("b", next["id"]!.GetValue<string>());
        Assert.Equal("Only b listens", next["payload"]!["data"]!["postAdded"]!["body"]!.GetValue<string>());
        Assert.Empty(await first.DrainWithPingAsync());
        Assert.Equal(1, federation.DiscussionsConnections);

        // A subscription that starts after the connection closed opens a new one.
        await second.SendAsync(new { id = "b", type = "complete" });
        await WaitUntilAsync(() => federation.Feed.Subscribers == 0 && federation.DiscussionsConnections == 0);
        await first.SubscribeAsync("c", PostAdded);
        await WaitUntilAsync(() => federation.Feed.Subscribers == 1);
        await AddPostAsync(federation, "After a reconnection");
        var again = await first.ReceiveMessageAsync();
        Assert.Equal("c", again["id"]!.GetValue<string>());
        Assert.Equal(1, federation.DiscussionsConnections);
    }

    private static async Task AddPostAsync(DiscussionFederation federation, string body)
    {
        using var client = new GatewayClient(federation.GatewayUrl);
        var answer = await client.PostAsync(new
        {
            query = "mutation($course: ID!, $body: String!) { addPost(courseId: $course, body: $body) { id } }",
            variables = new { course = "c1", body },
        });
        answer.Data();
    }

    /// <summary>Subscribing and ending cross the gateway and a second socket: the test waits for the subgraph to see it.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, patience.Token);
        }
    }
}
