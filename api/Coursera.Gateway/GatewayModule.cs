using Coursera.Federation.Execution;
using Coursera.Gateway.Composition;
using Coursera.Gateway.Http;
using Coursera.Gateway.Persisted;
using Coursera.Gateway.Rest;
using Coursera.Gateway.Transport;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Internal;
using Coursera.Subgraphs.WebSockets;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coursera.Gateway;

/// <summary>The public GraphQL endpoint over the federation engine: <c>AddGateway</c> at start-up, <c>MapGateway</c> to serve it.</summary>
public static class GatewayModule
{
    public const string GraphQLPath = "/graphql";

    /// <summary>
    /// Name to URL of every subgraph reached over HTTP, e.g. <c>Subgraphs__accounts=http://127.0.0.1:4201/graphql</c>;
    /// beside them <c>Subgraphs:GatewayKey</c>, the key that signs the gateway's requests (<see cref="GatewayCredential"/>).
    /// </summary>
    public const string SubgraphsSection = "Subgraphs";

    /// <summary>
    /// Subgraphs come from configuration (section <c>Subgraphs</c>, name to URL, reached over HTTP) and from
    /// <see cref="AddInProcessSubgraph{TSchema}"/> (the all-in-one host, no sockets). The public edge's protections come
    /// from the <c>Gateway</c> section (<see cref="GatewayOptions"/>) and the <c>GraphQL</c> section shared with the
    /// subgraphs (request size and time, introspection, suggestions); invalid settings stop the start. The supergraph is
    /// composed when the host starts (<see cref="SupergraphComposition"/>): subgraphs that do not compose stop it, and the
    /// <c>supergraph</c> readiness check reports the composition.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GraphQLEndpointOptions>().Bind(builder.Configuration.GetSection(GraphQLEndpointOptions.Section));
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.Section))
            .Validate(o => o.MaxDepth >= 0 && o.MaxCost >= 0 && o.MaxAliases >= 0 && o.MaxRootFields >= 0 && o.MaxBatchSize >= 0,
                $"{GatewayOptions.Section}: MaxDepth, MaxCost, MaxAliases, MaxRootFields and MaxBatchSize must be 0 (off) or positive.")
            .Validate(o => o.DefaultListSize >= 1, $"{GatewayOptions.Section}:DefaultListSize must be at least 1.")
            .Validate(o => o.CostBudget.RestoreRate >= 0 && o.CostBudget.MaximumAvailable >= Math.Max(o.MaxCost, 1),
                $"{GatewayOptions.Section}:CostBudget: RestoreRate must be 0 (off) or positive, and MaximumAvailable at least MaxCost.")
            .Validate(o => o.SupergraphPollInterval == TimeSpan.Zero || o.SupergraphPollInterval >= TimeSpan.FromSeconds(1),
                $"{GatewayOptions.Section}:SupergraphPollInterval must be 0 (off) or at least one second.")
            .Validate(o => o.SupergraphStartupTimeout >= TimeSpan.Zero && o.SubgraphSdlTimeout > TimeSpan.Zero,
                $"{GatewayOptions.Section}: SupergraphStartupTimeout must not be negative and SubgraphSdlTimeout must be positive.")
            .Validate(o => o.PersistedOperations.CacheSizeBytes > 0, $"{GatewayOptions.Section}:PersistedOperations:CacheSizeBytes must be positive.")
            .Validate(o => Enum.IsDefined(o.PersistedOperations.Mode),
                $"{GatewayOptions.Section}:PersistedOperations:Mode must be Automatic, AllowList or Disabled.")
            .ValidateOnStart();
        builder.Services.AddGraphQL(graphql => graphql.AddSystemTextJson());
        var credential = GatewayCredential.FromConfiguration(builder.Configuration);
        foreach (var subgraph in builder.Configuration.GetSection(SubgraphsSection).GetChildren()
            .Where(s => s.Path is not (GatewayCredential.KeySetting or GatewayCredential.AcceptedKeysSetting)))
        {
            if (credential is null && !builder.Environment.IsDevelopment())
            {
                throw new InvalidOperationException($"{GatewayCredential.KeySetting} must be set outside Development: the subgraphs refuse unsigned requests.");
            }

            if (!Uri.TryCreate(subgraph.Value, UriKind.Absolute, out var url))
            {
                throw new InvalidOperationException($"{SubgraphsSection}:{subgraph.Key} must be the subgraph's absolute URL.");
            }

            builder.Services.AddSingleton(new SubgraphEndpoint(subgraph.Key, url));
            var client = builder.Services.AddHttpClient(HttpSubgraphTransport.ClientName(subgraph.Key))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = 512,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    EnableMultipleHttp2Connections = true,
                });
            if (credential is not null)
            {
                client.AddHttpMessageHandler(() => new GatewaySigningHandler(credential));
            }
        }

        builder.Services.AddHttpClient();
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebSocketConnectionAuthorizer, BearerTokenAuthorizer>());
        builder.Services.AddSingleton<SubgraphTransport>();
        builder.Services.AddSingleton(SubgraphTransport.Create); // behind request deduplication unless Gateway:Deduplication is off
        builder.Services.AddSingleton<HttpSubgraphTransport>();
        builder.Services.AddSingleton<SupergraphMetrics>();
        builder.Services.AddSingleton<SupergraphProvider>();
        builder.Services.AddHostedService<SupergraphComposition>();
        builder.Services.AddExceptionHandler<SupergraphUnavailableHandler>();
        builder.Services.AddHealthChecks().AddCheck<SupergraphHealthCheck>(SupergraphHealthCheck.Name, tags: ["ready"]);
        builder.Services.AddSingleton<PersistedOperations>();
        builder.Services.AddSingleton<GatewayExecutor>();
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddSingleton<QueryCostBudget>(); // shared through Redis, so only with it
        }

        builder.Services.AddSingleton<BatchRequestHandler>();
        builder.Services.AddSingleton<GatewayRequestMiddleware>();
        builder.AddRestApi();
        return builder;
    }

    /// <summary>Makes a subgraph hosted in this process part of the federation, called without sockets.</summary>
    public static IHostApplicationBuilder AddInProcessSubgraph<TSchema>(this IHostApplicationBuilder builder, string name)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<InProcessSubgraph>(sp => new InProcessSubgraph<TSchema>(name, sp));
        builder.Services.AddSingleton<SubgraphServedInProcess<TSchema>>();
        return builder;
    }

    /// <summary>
    /// Serves the gateway at <paramref name="path"/> with the subgraphs' GraphQL-over-HTTP rules, plus what only the
    /// public edge accepts: batches and persisted-query hashes (<see cref="GatewayRequestMiddleware"/>). Resolving the
    /// executor here loads the persisted-operation allow-list, so a broken one fails the start.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        GraphiQL.GraphiQLEndpoints.MapGraphiQL(app, path); // before the endpoint: it answers browsers' page requests in front of it
        app.MapGraphQL(path, app.Services.GetRequiredService<GatewayExecutor>()).WithMetadata(GatewayEndpointMarker.Instance);

        // After MapGraphQL, which adds the WebSocket middleware; routing has chosen the endpoint by the time this runs.
        var requests = app.Services.GetRequiredService<GatewayRequestMiddleware>();
        app.Use(next => http => requests.InvokeAsync(http, next));
        app.MapRestApi();
        return app;
    }
}
