using Coursera.Federation.Execution;
using Coursera.Gateway.Transport;
using Coursera.GraphQL;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Gateway;

/// <summary>The public GraphQL endpoint over the federation engine: <c>AddGateway</c> at start-up, <c>MapGateway</c> to serve it.</summary>
public static class GatewayModule
{
    public const string GraphQLPath = "/graphql";

    /// <summary>Name to URL of every subgraph reached over HTTP, e.g. <c>Subgraphs__accounts=http://127.0.0.1:4201/graphql</c>.</summary>
    public const string SubgraphsSection = "Subgraphs";

    /// <summary>
    /// Subgraphs come from configuration (section <c>Subgraphs</c>, name to URL, reached over HTTP) and from
    /// <see cref="AddInProcessSubgraph{TSchema}"/> (the all-in-one host, no sockets).
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GraphQLEndpointOptions>().Bind(builder.Configuration.GetSection(GraphQLEndpointOptions.Section));
        builder.Services.AddGraphQL(graphql => graphql.AddSystemTextJson());
        foreach (var subgraph in builder.Configuration.GetSection(SubgraphsSection).GetChildren())
        {
            if (!Uri.TryCreate(subgraph.Value, UriKind.Absolute, out var url))
            {
                throw new InvalidOperationException($"{SubgraphsSection}:{subgraph.Key} must be the subgraph's absolute URL.");
            }

            builder.Services.AddSingleton(new SubgraphEndpoint(subgraph.Key, url));
            builder.Services.AddHttpClient(HttpSubgraphTransport.ClientName(subgraph.Key))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = 512,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    EnableMultipleHttp2Connections = true,
                });
        }

        builder.Services.AddHttpClient();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ISubgraphTransport, SubgraphTransport>();
        builder.Services.AddSingleton<HttpSubgraphTransport>();
        builder.Services.AddSingleton<SupergraphProvider>();
        builder.Services.AddSingleton<GatewayExecutor>();
        return builder;
    }

    /// <summary>Makes a subgraph hosted in this process part of the federation, called without sockets.</summary>
    public static IHostApplicationBuilder AddInProcessSubgraph<TSchema>(this IHostApplicationBuilder builder, string name)
        where TSchema : ISchema
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<InProcessSubgraph>(sp => new InProcessSubgraph<TSchema>(name, sp));
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGraphQL(path, app.Services.GetRequiredService<GatewayExecutor>());
        return app;
    }
}
