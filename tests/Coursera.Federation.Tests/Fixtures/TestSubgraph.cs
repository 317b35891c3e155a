using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Federation.Tests.Fixtures;

/// <summary>
/// One GraphQL.NET Federation v2 subgraph of a purpose-built test federation, executed in process: a schema with
/// its own service provider, fed the same way a subgraph's HTTP endpoint would be (query text plus JSON variables).
/// </summary>
internal sealed class TestSubgraph : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ISchema _schema;
    private readonly IDocumentExecuter<ISchema> _executer;
    private readonly IGraphQLTextSerializer _serializer;

    private TestSubgraph(string name, ServiceProvider services)
    {
        Name = name;
        _services = services;
        _schema = services.GetRequiredService<ISchema>();
        _executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
        _serializer = services.GetRequiredService<IGraphQLTextSerializer>();
    }

    public string Name { get; }

    /// <summary>
    /// Builds the subgraph: <paramref name="shared"/> (the federation's data) and every graph type are singletons
    /// of its own container, as in a real service.
    /// </summary>
    public static TestSubgraph Create<TSchema>(string name, object shared, params Type[] graphTypes)
        where TSchema : Schema
    {
        var services = new ServiceCollection();
        services.AddSingleton(shared.GetType(), shared);
        foreach (var graphType in graphTypes)
        {
            services.AddSingleton(graphType);
        }

        services.AddGraphQL(graphql => graphql
            .AddSchema<TSchema>()
            .AddSystemTextJson()
            .AddFederation("2.3"));
        var subgraph = new TestSubgraph(name, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
        // Build the schema now, so that a broken fixture fails here and not on its first request.
        subgraph._schema.Initialize();
        return subgraph;
    }

    /// <summary>The SDL the subgraph publishes through <c>_service { sdl }</c>, as GraphQL.NET prints it.</summary>
    public async Task<string> SdlAsync()
    {
        var response = await ExecuteAsync("{ _service { sdl } }", [], CancellationToken.None);
        return response["data"]?["_service"]?["sdl"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{Name}: _service {{ sdl }} failed: {response.ToJsonString()}");
    }

    public async Task<JsonObject> ExecuteAsync(string query, JsonObject variables, CancellationToken cancellationToken)
    {
        var result = await _executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = _serializer.Deserialize<Inputs>(variables.ToJsonString()),
            RequestServices = _services,
            CancellationToken = cancellationToken,
        });
        return JsonNode.Parse(_serializer.Serialize(result))!.AsObject();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public override string ToString() => Name;
}

/// <summary>How a fixture subgraph misbehaves in a case (<c>fail: inventory=unreachable</c>).</summary>
internal enum SubgraphFailure
{
    None,

    /// <summary>The connection is refused: the transport throws <see cref="HttpRequestException"/>.</summary>
    Unreachable,

    /// <summary>The transport itself fails with an unexpected exception.</summary>
    Throws,

    /// <summary>The subgraph never answers; only the gateway's timeout or the caller's cancellation ends the wait.</summary>
    Hangs,
}

/// <summary>
/// Reaches the subgraphs of a test federation in process, records every request (subgraph and query text) so a
/// case can assert the fetches, and injects failures.
/// </summary>
internal sealed class InProcessTransport(IReadOnlyDictionary<string, TestSubgraph> subgraphs) : Execution.ISubgraphTransport
{
    public List<(string Subgraph, string Query)> Requests { get; } = [];

    /// <summary>The variables of each request, in the order of <see cref="Requests"/>.</summary>
    public List<JsonObject> Variables { get; } = [];

    public Dictionary<string, SubgraphFailure> Failures { get; } = [];

    public async Task<JsonObject> ExecuteAsync(string subgraph, Execution.SubgraphRequest request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add((subgraph, request.Query));
            Variables.Add(JsonNode.Parse(request.Variables.ToJsonString())!.AsObject());
        }

        switch (Failures.GetValueOrDefault(subgraph))
        {
            case SubgraphFailure.Unreachable:
                throw new HttpRequestException($"Connection refused ({subgraph}).");
            case SubgraphFailure.Throws:
                throw new InvalidOperationException($"The transport to {subgraph} is broken.");
            case SubgraphFailure.Hangs:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }

        // Through JSON text, as over HTTP: the gateway must not depend on sharing nodes with the subgraph.
        var variables = JsonNode.Parse(request.Variables.ToJsonString())!.AsObject();
        var response = await subgraphs[subgraph].ExecuteAsync(request.Query, variables, cancellationToken);
        return JsonSerializer.Deserialize<JsonObject>(response.ToJsonString())!;
    }
}
