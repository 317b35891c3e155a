using Coursera.Events;
using Coursera.ServiceDefaults.Data;
using Coursera.Subgraphs;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Coursera.Webhooks.Endpoints;
using Coursera.Webhooks.PersonalData;
using Coursera.Webhooks.Subgraph;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Coursera.Webhooks;

/// <summary>The webhook dispatcher's only entry points: its own Program and the all-in-one host.</summary>
public static class WebhooksModule
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebhooksOptions>().Bind(builder.Configuration.GetSection(WebhooksOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Secrets are encrypted with the platform's key ring (ServiceDefaults); those stored under the ring this store
        // used to hold are moved onto it once.
        builder.AddServiceStore<WebhooksDbContext>(WebhooksDbContext.Schema, WebhooksOptions.Section)
            .AfterMigration<LegacySecretsRewrap>();
        builder.Services.AddSingleton<TargetAddressPolicy>();
        builder.Services.AddSingleton<WebhookEndpoints>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .RemoveAllLoggers() // every attempt is in the delivery log already
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<TargetAddressPolicy>().ConnectAsync,
                AllowAutoRedirect = false,
                // A proxy from the environment (HTTPS_PROXY) would choose the final address itself, past the check above.
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<WebhooksOptions>>().Value.MaxConnectionsPerEndpoint,
            });
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<WebhookManagement>();
        var events = builder.AddEvents(WebhooksDbContext.Schema);
        if (builder.Configuration.GetSection(WebhooksOptions.Section).Get<WebhooksOptions>()?.Dispatch ?? true)
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
            builder.Services.AddSingleton<MessageRetention>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<MessageRetention>());
            events.Handle<WebhookFanout>("webhooks");
        }

        builder.AddSubgraph<WebhooksSchema>();

        return builder;
    }

    public const string GraphQLPath = "/subgraphs/webhooks/graphql";

    public static WebApplication MapWebhooks(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSubgraph<WebhooksSchema>(path);
        return app;
    }
}
