using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Coursera.Federation.Execution;

namespace Coursera.Gateway.Transport;

/// <summary>
/// The gateway's open subscription connections to its subgraphs. Subscriptions of one caller (one <c>Authorization</c>,
/// or none) to one subgraph share a connection, up to <c>operationsPerConnection</c> on each, so a thousand
/// anonymous clients following a course cost the subgraph one socket rather than a thousand.
/// </summary>
internal sealed class SubgraphSockets(int operationsPerConnection)
{
    /// <summary>The configuration key; keep it no higher than the subgraphs' <c>GraphQL:MaxOperationsPerGatewayConnection</c>.</summary>
    public const string OperationsPerConnectionSetting = "Gateway:SubscriptionsPerSubgraphConnection";

    public const int DefaultOperationsPerConnection = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(Uri Url, string? Authorization), List<SubgraphSocket>> _open = [];

    /// <param name="sign">Signs a new connection's upgrade (the gateway's credential), when one is needed.</param>
    public async IAsyncEnumerable<JsonObject> SubscribeAsync(Uri url, string? authorization, Func<string?> sign, SubgraphRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The place is taken when enumeration starts, and the socket's enumeration gives it back when it ends.
        var key = (url, authorization);
        SubgraphSocket socket;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out var sockets))
            {
                sockets = [];
                _open[key] = sockets;
            }

            if (sockets.FirstOrDefault(s => s.TryReserve(operationsPerConnection)) is { } open)
            {
                socket = open;
            }
            else
            {
                socket = SubgraphSocket.Open(url, authorization, sign(), closed => Forget(key, closed));
                sockets.Add(socket);
                socket.TryReserve(operationsPerConnection);
            }
        }

        await foreach (var response in socket.SubscribeAsync(request, cancellationToken))
        {
            yield return response;
        }
    }

    private void Forget((Uri Url, string? Authorization) key, SubgraphSocket socket)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(key, out var sockets) && sockets.Remove(socket) && sockets.Count == 0)
            {
                _open.Remove(key);
            }
        }
    }
}
