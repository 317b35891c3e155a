using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coursera.Federation.Fuzzing.Running;

/// <summary>A test federation of Coursera.Federation.Tests, found by its <c>XxxFederation.Create()</c>.</summary>
internal sealed class FederationFactory(string name, Func<IReadOnlyDictionary<string, TestSubgraph>> create)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, TestSubgraph> Create() => create();

    /// <summary>
    /// Every <c>Coursera.Federation.Tests.Federations.*.XxxFederation</c> with a static <c>Create()</c> (the test
    /// federations compiled into this assembly), named as TestFederation names them: <c>shop</c>, <c>learning</c>, ….
    /// </summary>
    public static IReadOnlyList<FederationFactory> All()
    {
        var factories = new List<FederationFactory>();
        foreach (var type in typeof(FederationFactory).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Coursera.Federation.Tests.Federations.", StringComparison.Ordinal) == true
                && t.Name.EndsWith("Federation", StringComparison.Ordinal))
            .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var create = type.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
            if (create?.ReturnType != typeof(IReadOnlyDictionary<string, TestSubgraph>))
            {
                continue;
            }

            var name = type.Name[..^"Federation".Length].ToLowerInvariant();
            factories.Add(new FederationFactory(name, () => (IReadOnlyDictionary<string, TestSubgraph>)create.Invoke(null, null)!));
        }

        return factories;
    }
}

/// <summary>
/// Serves one test federation's subgraphs over HTTP on loopback, each at <c>/{subgraph}/graphql</c> of one port, the
/// way a subgraph's own endpoint would (POST of query, operationName and variables as JSON). <see cref="ResetAsync"/>
/// replaces the whole federation with fresh instances (fresh data), so that a mutation runs on the same state for
/// each gateway.
/// </summary>
internal sealed class SubgraphServer : IAsyncDisposable
{
    private readonly FederationFactory _factory;
    private readonly WebApplication _app;
    private IReadOnlyDictionary<string, TestSubgraph> _subgraphs;
    private Task<IReadOnlyDictionary<string, TestSubgraph>> _spare;
    private int _requests;

    private SubgraphServer(FederationFactory factory, WebApplication app, IReadOnlyDictionary<string, TestSubgraph> subgraphs)
    {
        _factory = factory;
        _app = app;
        _subgraphs = subgraphs;
        _spare = Task.Run(factory.Create);
    }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<string> Names => [.. _subgraphs.Keys];

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string subgraph) => $"{BaseUrl}/{subgraph}/graphql";

    public static async Task<SubgraphServer> StartAsync(FederationFactory factory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new SubgraphServer(factory, app, factory.Create());
        app.MapPost("/{subgraph}/graphql", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    /// <summary>The SDL of each subgraph (<c>_service { sdl }</c>), in name order.</summary>
    internal async Task<IReadOnlyList<(string Name, string Sdl)>> SdlAsync()
    {
        var list = new List<(string, string)>();
        foreach (var (name, subgraph) in _subgraphs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            list.Add((name, await subgraph.SdlAsync()));
        }

        return list;
    }

    /// <summary>Starts over from the federation's initial data (a pre-built fresh instance, so resets are quick).</summary>
    public async Task ResetAsync()
    {
        var fresh = await _spare;
        var old = Interlocked.Exchange(ref _subgraphs, fresh);
        _spare = Task.Run(_factory.Create);
        foreach (var subgraph in old.Values)
        {
            await subgraph.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, string subgraph)
    {
        Interlocked.Increment(ref _requests);
        if (!_subgraphs.TryGetValue(subgraph, out var target))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        var query = body?["query"]?.GetValue<string>() ?? "";
        var variables = body?["variables"] as JsonObject ?? [];
        var result = await target.ExecuteAsync(query, variables, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        result.WriteTo(writer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var subgraph in _subgraphs.Values)
        {
            await subgraph.DisposeAsync();
        }

        foreach (var subgraph in (await _spare).Values)
        {
            await subgraph.DisposeAsync();
        }
    }
}
