using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;
using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests;

/// <summary>
/// <see cref="DeduplicatingSubgraphTransport"/> over the shop federation's real subgraphs. The subgraphs' door is held
/// shut (<see cref="HeldDoor"/>) until every caller of a case has either joined the request in flight (the
/// deduplication counter says so) or reached the subgraph itself, so the cases do not depend on timing.
/// </summary>
public sealed class DeduplicationTests : IAsyncLifetime, IDisposable
{
    private const string BookQuery = "query($id: ID!) { book(id: $id) { id title price { amount currency } } }";

    /// <summary>Only guards against a hang when something is broken; nothing is timed.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Meter _meter = new("Coursera.Federation.Tests.Deduplication");
    private readonly MeterListener _listener = new();
    private readonly AsyncLocal<string?> _caller = new();
    private TestFederation _federation = null!;
    private HeldDoor _door = null!;
    private DeduplicatingSubgraphTransport _transport = null!;
    private long _deduplicated;

    public async Task InitializeAsync()
    {
        _federation = await TestFederation.CreateAsync("shop");
        _door = new HeldDoor(_federation.Transport);
        _transport = new DeduplicatingSubgraphTransport(_door, () => _caller.Value, _meter);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _meter && instrument.Name == DeduplicatingSubgraphTransport.DeduplicatedInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _deduplicated, value));
        _listener.Start();
    }

    public async Task DisposeAsync() => await _federation.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public async Task Concurrent_identical_queries_send_one_request_and_each_caller_gets_a_response_of_its_own()
    {
        var calls = Enumerable.Range(0, 8).Select(_ => _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None)).ToList();
        await UntilAsync(() => Interlocked.Read(ref _deduplicated) == 7);
        _door.Open();
        var responses = await Task.WhenAll(calls);

        Assert.Single(_federation.Transport.Requests);
        var expected = """{"data":{"book":{"id":"b1","title":"Dune","price":{"amount":1200,"currency":"EUR"}}}}""";
        Assert.All(responses, r => Assert.Equal(expected, r.ToJsonString()));
        Assert.Equal(responses.Length, responses.Distinct(ReferenceEqualityComparer.Instance).Count());

        // What one caller does to its tree (the executor moves nodes into its own) is invisible to the others.
        var moved = responses[0]["data"]!["book"]!;
        responses[0]["data"]!.AsObject().Remove("book");
        _ = new JsonObject { ["book"] = moved };
        Assert.All(responses.Skip(1), r => Assert.Equal(expected, r.ToJsonString()));
    }

    [Fact]
    public async Task Concurrent_identical_client_operations_through_the_gateway_all_get_the_full_answer()
    {
        const string Operation = "{ topBooks { title price { amount } author { name reviewCount } } }";
        var expected = (await _federation.Gateway.ExecuteAsync(Operation, null, null, CancellationToken.None)).ToJsonString();
        var alone = _federation.Transport.Requests.Count;
        _federation.Transport.Requests.Clear();
        var gateway = new FederationGateway(_federation.Supergraph, _transport);

        var clients = Enumerable.Range(0, 6).Select(_ => gateway.ExecuteAsync(Operation, null, null, CancellationToken.None)).ToList();
        await UntilAsync(() => Interlocked.Read(ref _deduplicated) == 5); // every client waits for the one root fetch
        _door.Open();
        var responses = await Task.WhenAll(clients);

        Assert.All(responses, r => Assert.Equal(expected, r.ToJsonString()));
        Assert.Single(_federation.Transport.Requests, r => r.Subgraph == "catalog" && r.Query.Contains("topBooks", StringComparison.Ordinal));
        Assert.InRange(_federation.Transport.Requests.Count, alone, 6 * alone);
    }

    [Fact]
    public async Task Different_variables_are_different_requests()
    {
        var first = _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None);
        var second = _transport.ExecuteAsync("catalog", Book("b2"), CancellationToken.None);
        await UntilAsync(() => _door.Arrived == 2);
        _door.Open();

        Assert.Equal("Dune", (await first)["data"]!["book"]!["title"]!.GetValue<string>());
        Assert.Equal("Emma", (await second)["data"]!["book"]!["title"]!.GetValue<string>());
        Assert.Equal(0, Interlocked.Read(ref _deduplicated));
    }

    [Fact]
    public async Task Two_callers_never_share_an_answer_and_one_caller_shares_with_itself()
    {
        var ada = AsCaller("Bearer ada", () => _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None));
        var grace = AsCaller("Bearer grace", () => _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None));
        var anonymous = _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None);
        var adaAgain = AsCaller("Bearer ada", () => _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None));
        await UntilAsync(() => _door.Arrived == 3 && Interlocked.Read(ref _deduplicated) == 1);
        _door.Open();
        await Task.WhenAll(ada, grace, anonymous, adaAgain);

        Assert.Equal(3, _federation.Transport.Requests.Count);
    }

    [Fact]
    public async Task Mutations_are_never_shared()
    {
        const string Rename = "mutation { renameUser(id: \"u1\", name: \"Ada L.\") { name } }";
        var calls = Enumerable.Range(0, 3)
            .Select(_ => _transport.ExecuteAsync("users", new SubgraphRequest(Rename, null, []), CancellationToken.None)).ToList();
        await UntilAsync(() => _door.Arrived == 3);
        _door.Open();
        await Task.WhenAll(calls);

        Assert.Equal(3, _federation.Transport.Requests.Count);
        Assert.Equal(0, Interlocked.Read(ref _deduplicated));
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_request_to_the_others()
    {
        using var first = new CancellationTokenSource();
        var starter = _transport.ExecuteAsync("catalog", Book("b1"), first.Token);
        await UntilAsync(() => _door.Arrived == 1);
        var others = Enumerable.Range(0, 2).Select(_ => _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None)).ToList();
        await UntilAsync(() => Interlocked.Read(ref _deduplicated) == 2);

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starter);
        _door.Open();

        Assert.All(await Task.WhenAll(others), r => Assert.Equal("Dune", r["data"]!["book"]!["title"]!.GetValue<string>()));
        Assert.Single(_federation.Transport.Requests);
        Assert.Equal(0, _door.Cancelled);
    }

    [Fact]
    public async Task When_every_caller_gives_up_the_request_is_cancelled_and_the_next_caller_starts_afresh()
    {
        using var cancellation = new CancellationTokenSource();
        var calls = Enumerable.Range(0, 2).Select(_ => _transport.ExecuteAsync("catalog", Book("b1"), cancellation.Token)).ToList();
        await UntilAsync(() => _door.Arrived == 1 && Interlocked.Read(ref _deduplicated) == 1);

        await cancellation.CancelAsync();
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        await UntilAsync(() => _door.Cancelled == 1);
        var next = _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None);
        await UntilAsync(() => _door.Arrived == 2);
        _door.Open();

        Assert.Equal("Dune", (await next)["data"]!["book"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failure_reaches_every_caller()
    {
        _federation.Transport.Failures["catalog"] = SubgraphFailure.Unreachable;
        var calls = Enumerable.Range(0, 4).Select(_ => _transport.ExecuteAsync("catalog", Book("b1"), CancellationToken.None)).ToList();
        await UntilAsync(() => Interlocked.Read(ref _deduplicated) == 3);
        _door.Open();

        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => call);
        }

        Assert.Single(_federation.Transport.Requests);
    }

    [Fact]
    public async Task Subgraph_errors_reach_every_caller()
    {
        var failing = new SubgraphRequest("{ failingField }", null, []);
        var calls = Enumerable.Range(0, 3).Select(_ => _transport.ExecuteAsync("catalog", failing, CancellationToken.None)).ToList();
        await UntilAsync(() => Interlocked.Read(ref _deduplicated) == 2);
        _door.Open();

        Assert.All(await Task.WhenAll(calls), r => Assert.NotEmpty(r["errors"]!.AsArray()));
        Assert.Single(_federation.Transport.Requests);
    }

    private static SubgraphRequest Book(string id) => new(BookQuery, null, new JsonObject { ["id"] = id });

    /// <summary>Starts <paramref name="call"/> on a flow of its own that runs as <paramref name="caller"/>.</summary>
    private Task<JsonObject> AsCaller(string caller, Func<Task<JsonObject>> call) => Task.Run(() =>
    {
        _caller.Value = caller;
        return call();
    });

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(5, patience.Token);
        }
    }

    /// <summary>The way to the subgraphs, held shut until the test opens it: requests pile up as under load.</summary>
    private sealed class HeldDoor(ISubgraphTransport subgraphs) : ISubgraphTransport
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;
        private int _cancelled;

        public int Arrived => Volatile.Read(ref _arrived);

        /// <summary>Requests whose sender cancelled them while they waited at the door.</summary>
        public int Cancelled => Volatile.Read(ref _cancelled);

        public void Open() => _open.TrySetResult();

        public async Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _arrived);
            try
            {
                await _open.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }

            return await subgraphs.ExecuteAsync(subgraph, request, cancellationToken);
        }
    }
}
