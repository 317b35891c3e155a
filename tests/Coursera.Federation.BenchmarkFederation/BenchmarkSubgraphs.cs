using System.Text.Json;
using Coursera.Federation.BenchmarkFederation.Subgraphs;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Federation.BenchmarkFederation;

/// <summary>
/// The four subgraphs of the federation benchmark (accounts, products, inventory, reviews), each a GraphQL.NET
/// Federation v2.5 schema over <c>data.json</c>, executed in-process: no HTTP, so gateway tests can plug
/// <see cref="ExecuteAsync"/> in as their transport and assert fetch counts with <see cref="RequestCount"/>.
/// </summary>
public sealed class BenchmarkSubgraphs : IAsyncDisposable
{
    public const string Accounts = "accounts";
    public const string Products = "products";
    public const string Inventory = "inventory";
    public const string Reviews = "reviews";

    private readonly Dictionary<string, Subgraph> _subgraphs;

    private BenchmarkSubgraphs(Dictionary<string, Subgraph> subgraphs)
    {
        _subgraphs = subgraphs;
    }

    /// <summary>The subgraph names, in the benchmark's order: accounts, products, inventory, reviews.</summary>
    public IReadOnlyList<string> Names { get; } = [Accounts, Products, Inventory, Reviews];

    /// <summary>Builds (and initializes) the four schemas; each subgraph has its own service provider, owned by the result.</summary>
    public static BenchmarkSubgraphs Create()
    {
        var subgraphs = new Dictionary<string, Subgraph>(StringComparer.Ordinal)
        {
            [Accounts] = Subgraph.Create<AccountsSchema>(Accounts, typeof(AccountsQueryType), typeof(AccountsUserType)),
            [Products] = Subgraph.Create<ProductsSchema>(Products, typeof(ProductsQueryType), typeof(ProductsProductType)),
            [Inventory] = Subgraph.Create<InventorySchema>(Inventory, typeof(InventoryQueryType), typeof(InventoryProductType)),
            [Reviews] = Subgraph.Create<ReviewsSchema>(
                Reviews, typeof(ReviewsQueryType), typeof(ReviewsProductType), typeof(ReviewType), typeof(ReviewsUserType)),
        };
        return new BenchmarkSubgraphs(subgraphs);
    }

    /// <summary>
    /// Executes a GraphQL-over-HTTP request body (<c>{"query":…, "variables":{…}, "operationName":…}</c>) on a subgraph
    /// and returns the response body (<c>data</c>/<c>errors</c>) a subgraph HTTP endpoint would send. Counts the request.
    /// </summary>
    public async Task<string> ExecuteAsync(string subgraph, string requestJson, CancellationToken ct)
    {
        var response = await ExecuteCoreAsync(subgraph, requestJson, ct).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>Requests served so far by <paramref name="subgraph"/> (<see cref="ExecuteAsync"/> and HTTP; not <see cref="SdlAsync"/>).</summary>
    public int RequestCount(string subgraph) => Volatile.Read(ref Get(subgraph).RequestCount);

    /// <summary>Sets every request count back to zero, e.g. after a gateway has fetched the SDLs.</summary>
    public void ResetRequestCounts()
    {
        foreach (var subgraph in _subgraphs.Values)
        {
            Interlocked.Exchange(ref subgraph.RequestCount, 0);
        }
    }

    /// <summary>The subgraph's <c>_service { sdl }</c>. Not counted as a request.</summary>
    public async Task<string> SdlAsync(string subgraph)
    {
        var target = Get(subgraph);
        var result = await target.ExecuteAsync(new GraphQLRequest { Query = "{ _service { sdl } }" }, CancellationToken.None)
            .ConfigureAwait(false);
        using var response = JsonDocument.Parse(target.Serializer.Serialize(result));
        if (response.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException($"{subgraph}: _service {{ sdl }} failed: {errors}");
        }

        return response.RootElement.GetProperty("data").GetProperty("_service").GetProperty("sdl").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subgraph in _subgraphs.Values)
        {
            await subgraph.Services.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal async Task<SubgraphResponse> ExecuteCoreAsync(string subgraph, string requestJson, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        var target = Get(subgraph);
        Interlocked.Increment(ref target.RequestCount);

        GraphQLRequest? request;
        try
        {
            request = target.Serializer.Deserialize<GraphQLRequest>(requestJson);
        }
        catch (JsonException ex)
        {
            return target.RequestError($"The request body is not valid JSON: {ex.Message}");
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            return target.RequestError("The request has no query.");
        }

        var result = await target.ExecuteAsync(request, ct).ConfigureAwait(false);
        return new SubgraphResponse(target.Serializer.Serialize(result), result.Executed ? 200 : 400);
    }

    private Subgraph Get(string subgraph) =>
        _subgraphs.TryGetValue(subgraph ?? throw new ArgumentNullException(nameof(subgraph)), out var found)
            ? found
            : throw new ArgumentException($"Unknown subgraph '{subgraph}'; expected one of {string.Join(", ", _subgraphs.Keys)}.", nameof(subgraph));

    private sealed class Subgraph
    {
        public int RequestCount;

        private Subgraph(string name, ServiceProvider services)
        {
            Name = name;
            Services = services;
            Schema = services.GetRequiredService<ISchema>();
            Executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
            Serializer = services.GetRequiredService<IGraphQLTextSerializer>();
        }

        public string Name { get; }

        public ServiceProvider Services { get; }

        public ISchema Schema { get; }

        public IDocumentExecuter<ISchema> Executer { get; }

        public IGraphQLTextSerializer Serializer { get; }

        public static Subgraph Create<TSchema>(string name, params Type[] graphTypes)
            where TSchema : Schema
        {
            var services = new ServiceCollection();
            foreach (var graphType in graphTypes)
            {
                services.AddSingleton(graphType);
            }

            services.AddGraphQL(graphql => graphql
                .AddSchema<TSchema>()
                .AddSystemTextJson()
                .AddFederation("2.5")
                .ConfigureSchema(schema => schema.RegisterVisitor(new SubgraphSdl.Visitor())));
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            var subgraph = new Subgraph(name, provider);
            // Build the schema now, so that a broken subgraph fails Create, not the first request.
            subgraph.Schema.Initialize();
            return subgraph;
        }

        public Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, CancellationToken ct) =>
            Executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                Variables = request.Variables,
                Extensions = request.Extensions,
                OperationName = request.OperationName,
                RequestServices = Services,
                CancellationToken = ct,
            });

        public SubgraphResponse RequestError(string message)
        {
            var result = new ExecutionResult { Executed = false };
            result.AddError(new ExecutionError(message) { Code = "BAD_REQUEST" });
            return new SubgraphResponse(Serializer.Serialize(result), 400);
        }
    }
}

/// <summary>A subgraph's response body and the HTTP status a GraphQL-over-HTTP endpoint would send with it.</summary>
internal readonly record struct SubgraphResponse(string Body, int StatusCode);
