using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.Http;
using Coursera.Subgraphs.Internal;
using Coursera.Subgraphs.WebSockets;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coursera.Subgraphs;

/// <summary>How a service becomes a Federation v2 subgraph: <c>AddSubgraph</c> at start-up, <c>MapSubgraph</c> to serve it.</summary>
public static partial class SubgraphExtensions
{
    private const string WebSocketsEnabled = "Coursera.Subgraphs.WebSockets";

    public static IHostApplicationBuilder AddSubgraph<TSchema>(
        this IHostApplicationBuilder builder,
        Action<IGraphQLBuilder>? configure = null)
        where TSchema : class, ISchema
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GraphQLEndpointOptions>().Bind(builder.Configuration.GetSection(GraphQLEndpointOptions.Section));
        builder.Services.TryAddSingleton(new SubgraphEnvironment(builder.Environment.IsDevelopment()));
        builder.Services.TryAddSingleton(typeof(SubgraphExecutor<>));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IWebSocketConnectionAuthorizer, BearerTokenAuthorizer>());

        // What every schema of the process shares is registered once: GraphQL.NET applies schema configurations (the
        // federation link among them) to every schema, and twice would define @key twice.
        var first = !builder.Services.Any(d => d.ServiceType == typeof(SubgraphToolkitMarker));
        builder.Services.TryAddSingleton<SubgraphToolkitMarker>();
        builder.Services.AddGraphQL(graphql =>
        {
            graphql.AddSchema<TSchema>().AddGraphTypes(typeof(TSchema).Assembly);
            if (first)
            {
                graphql
                    .AddSystemTextJson()
                    .AddErrorInfoProvider(sp => new PublicErrorInfoProvider(
                        sp.GetRequiredService<IOptions<GraphQLEndpointOptions>>().Value.ExposeSuggestions
                        ?? sp.GetRequiredService<SubgraphEnvironment>().IsDevelopment))
                    // Clients only ever see "Internal server error."; the exception itself must reach the logs. A document
                    // the parser refuses (too deeply nested) is the client's error and is reported to the client instead.
                    .AddUnhandledExceptionHandler(context =>
                    {
                        if (context.OriginalException is not GraphQLParserException
                            && context.ExecutionOptions.RequestServices?.GetService<ILogger<SubgraphToolkitMarker>>() is { } logger)
                        {
                            LogUnhandledException(logger, context.OriginalException,
                                context.FieldContext is { } field ? string.Join('.', field.ResponsePath) : "(document)");
                        }
                    })
                    .AddFederation("2.3")
                    .UseTelemetry()
                    .AddGraphTypes(typeof(SubgraphExtensions).Assembly);
            }

            configure?.Invoke(graphql);
        });
        return builder;
    }

    /// <summary>
    /// Serves the schema at <paramref name="path"/>: GET and POST per GraphQL over HTTP, and WebSocket upgrades, to the
    /// federation gateway only. With <c>Subgraphs:GatewayKey</c> set, a request without the gateway's
    /// <see cref="GatewayCredential"/> gets 403, so no client reaches <c>_entities</c>, <c>_service</c> or a root field
    /// past the gateway's limits; outside Development the key is required and the start fails without it. When the
    /// process's gateway calls this subgraph in process (<see cref="SubgraphServedInProcess{TSchema}"/>), nothing is
    /// served at all.
    /// </summary>
    public static IEndpointConventionBuilder MapSubgraph<TSchema>(this WebApplication app, string path)
        where TSchema : class, ISchema
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        if (services.GetService<SubgraphServedInProcess<TSchema>>() is not null)
        {
            return NoEndpoint.Instance;
        }

        var credential = GatewayCredential.FromConfiguration(app.Configuration);
        if (credential is null && !app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{GatewayCredential.KeySetting} must be set outside Development: without it anyone could call the subgraph at {path} past the gateway.");
        }

        return app.MapGraphQL(path, new SubgraphHttpExecutor<TSchema>(services.GetRequiredService<SubgraphExecutor<TSchema>>(),
            services.GetRequiredService<IGraphQLSerializer>()), credential, servesGateway: true);
    }

    /// <summary>
    /// Serves any <see cref="IGraphQLExecutor"/> (the gateway uses this) with the GraphQL-over-HTTP rules of the
    /// subgraphs, and graphql-transport-ws on the same path when it is also an <see cref="IGraphQLStreamExecutor"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this WebApplication app, string path, IGraphQLExecutor executor) =>
        app.MapGraphQL(path, executor, admitOnly: null, servesGateway: false);

    /// <param name="servesGateway">A subgraph's endpoint: its WebSocket connections carry many clients' subscriptions each.</param>
    private static IEndpointConventionBuilder MapGraphQL(this WebApplication app, string path, IGraphQLExecutor executor,
        GatewayCredential? admitOnly, bool servesGateway)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!((IApplicationBuilder)app).Properties.ContainsKey(WebSocketsEnabled))
        {
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
            ((IApplicationBuilder)app).Properties[WebSocketsEnabled] = true;
        }

        var webSockets = executor is IGraphQLStreamExecutor streams
            ? new GraphQLWebSocketEndpoint(streams, app.Services.GetRequiredService<IGraphQLTextSerializer>(),
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<GraphQLWebSocketEndpoint>(),
                [.. app.Services.GetServices<IWebSocketConnectionAuthorizer>()],
                servesGateway ? streams.Options.MaxOperationsPerGatewayConnection : streams.Options.MaxOperationsPerConnection,
                app.Lifetime.ApplicationStopping)
            : null;
        var endpoint = new GraphQLHttpEndpoint(executor, app.Services.GetRequiredService<IGraphQLSerializer>(), webSockets is null ? null : webSockets.HandleAsync);
        if (admitOnly is null)
        {
            return app.Map(path, endpoint.HandleAsync);
        }

        return app.Map(path, http => admitOnly.Verifies(http.Request)
            ? endpoint.HandleAsync(http)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                detail: "This endpoint serves the federation gateway only; send GraphQL requests to the gateway.").ExecuteAsync(http));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while executing GraphQL at {Path}")]
    private static partial void LogUnhandledException(ILogger logger, Exception exception, string path);

    /// <summary>What <c>MapSubgraph</c> returns when it maps nothing: conventions have nothing to apply to.</summary>
    private sealed class NoEndpoint : IEndpointConventionBuilder
    {
        public static readonly NoEndpoint Instance = new();

        public void Add(Action<EndpointBuilder> convention)
        {
        }
    }

    /// <summary>Marks the shared GraphQL registrations as done; also the log category of unhandled resolver exceptions.</summary>
    private sealed class SubgraphToolkitMarker;
}
