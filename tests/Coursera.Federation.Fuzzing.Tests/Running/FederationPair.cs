using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Composition;
using Coursera.Federation.Execution;
using Coursera.Federation.Fuzzing.Generation;

namespace Coursera.Federation.Fuzzing.Running;

/// <summary>Our engine's subgraph requests, over HTTP like the distributed deployment's.</summary>
internal sealed class HttpTransport(SubgraphServer server) : ISubgraphTransport, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1) }) { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<JsonObject> ExecuteAsync(string subgraph, SubgraphRequest request, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["query"] = request.Query, ["variables"] = request.Variables.DeepClone() };
        if (request.OperationName is not null)
        {
            body["operationName"] = request.OperationName;
        }

        using var response = await _http.PostAsync(server.Url(subgraph), JsonContent.Create(body), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken)
            ?? throw new InvalidOperationException($"{subgraph} answered no JSON object");
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>
/// One test federation served over HTTP, with Hive Gateway (on the Guild's composition) and our
/// <see cref="FederationGateway"/> (on our composition, HTTP transport) in front of the same subgraphs.
/// </summary>
internal sealed class FederationPair : IAsyncDisposable
{
    private readonly SubgraphServer _server;
    private readonly string _hiveDir;
    private readonly string _supergraphPath;
    private HiveGateway _hive;
    private readonly HttpTransport _transport;
    private readonly FederationGateway _ours;

    private FederationPair(string name, SubgraphServer server, HiveGateway hive, HttpTransport transport, FederationGateway ours, SchemaModel schema,
        string hiveDir, string supergraphPath)
    {
        Name = name;
        _hiveDir = hiveDir;
        _supergraphPath = supergraphPath;
        _server = server;
        _hive = hive;
        _transport = transport;
        _ours = ours;
        Schema = schema;
    }

    public string Name { get; }

    public SchemaModel Schema { get; }

    /// <summary>Mutations run on fresh data for each gateway (and leave fresh data behind), so both see the same state.</summary>
    public int Resets { get; private set; }

    public string HiveLog => _hive.Log;

    /// <summary>Operations on which the reference gateway's process died (it is restarted; the operation counts as no difference).</summary>
    public List<string> ReferenceCrashes { get; } = [];

    public static async Task<FederationPair> StartAsync(FederationFactory factory, string hiveDir, string workDir)
    {
        var server = await SubgraphServer.StartAsync(factory);
        try
        {
            var sdl = await server.SdlAsync();
            var composition = Composer.Compose(sdl.Select(s => new SubgraphDefinition(s.Name, s.Sdl, server.Url(s.Name))));
            if (!composition.Succeeded)
            {
                throw new InvalidOperationException($"{factory.Name} does not compose: {string.Join("; ", composition.Errors)}");
            }

            var supergraphPath = Path.Combine(workDir, $"{factory.Name}.supergraph.graphql");
            await File.WriteAllTextAsync(supergraphPath, await HiveGateway.ComposeAsync(hiveDir, sdl.Select(s => (s.Name, server.Url(s.Name), s.Sdl))));
            await File.WriteAllTextAsync(Path.Combine(workDir, $"{factory.Name}.ours.graphql"), composition.Supergraph!.SupergraphSdl);
            var hive = await HiveGateway.StartAsync(hiveDir, supergraphPath);
            var transport = new HttpTransport(server);
            var ours = new FederationGateway(composition.Supergraph!, transport, new FederationGatewayOptions { SubgraphTimeout = TimeSpan.FromSeconds(30) });
            return new FederationPair(factory.Name, server, hive, transport, ours, SchemaModel.Parse(composition.Supergraph!.PublicSdl),
                hiveDir, supergraphPath);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<Outcome> RunAsync(Operation operation, CancellationToken cancellationToken)
    {
        var query = operation.Print();
        var variables = operation.VariableValues();
        if (operation.IsMutation)
        {
            await ResetAsync();
        }

        JsonObject reference;
        try
        {
            reference = await _hive.ExecuteAsync(query, variables, cancellationToken);
        }
        catch (HttpRequestException) when (_hive.HasExited)
        {
            // Hive Gateway's process dies on some operations (an unhandled error in its executor): note the
            // operation, start it again, and go on.
            ReferenceCrashes.Add(operation.ToString() + "\n" + _hive.Log[Math.Max(0, _hive.Log.Length - 1500)..]);
            await _hive.DisposeAsync();
            _hive = await HiveGateway.StartAsync(_hiveDir, _supergraphPath);
            if (operation.IsMutation)
            {
                await ResetAsync();
            }

            return new Outcome(new JsonObject(), new JsonObject(), null);
        }

        if (operation.IsMutation)
        {
            await ResetAsync();
        }

        JsonObject ours;
        try
        {
            ours = await _ours.ExecuteAsync(query, operation.Name, variables.DeepClone().AsObject(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ours = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = "THROWN: " + e.GetType().Name + ": " + e.Message }) };
        }

        if (operation.IsMutation)
        {
            await ResetAsync();
        }

        return new Outcome(reference, ours, ResponseComparer.Compare(reference, ours));
    }

    private async Task ResetAsync()
    {
        await _server.ResetAsync();
        Resets++;
    }

    public async ValueTask DisposeAsync()
    {
        await _hive.DisposeAsync();
        _transport.Dispose();
        await _server.DisposeAsync();
    }
}

internal sealed record Outcome(JsonObject Reference, JsonObject Ours, Difference? Difference);
