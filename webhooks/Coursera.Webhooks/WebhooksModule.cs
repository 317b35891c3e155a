using Coursera.Events;
using Coursera.ServiceDefaults.Data;
using Coursera.Subgraphs;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Coursera.Webhooks.Endpoints;
using Coursera.Webhooks.Subgraph;
using Microsoft.AspNetCore.DataProtection;
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
        // Data Protection's key ring lives in this store: its start-up reads it after the stores are migrated (see StoreStartup).
        builder.AddServiceStore<WebhooksDbContext>(WebhooksDbContext.Schema, WebhooksOptions.Section);

        // Every dispatcher instance must decrypt the secrets any instance stored: one application name, and the key
        // ring in PostgreSQL.
        builder.Services.AddDataProtection().SetApplicationName("coursera-webhooks").PersistKeysToDbContext<WebhooksDbContext>();
        builder.Services.AddSingleton<TargetAddressPolicy>();
        builder.Services.AddSingleton<WebhookEndpoints>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .RemoveAllLoggers() // every attempt is in the delivery log already
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<TargetAddressPolicy>().ConnectAsync,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<WebhooksOptions>>().Value.MaxConnectionsPerEndpoint,
            });
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<WebhookManagement>();
        var events = builder.AddEvents(WebhooksDbContext.Schema);
        if (builder.Configuration.GetSection(WebhooksOptions.Section).Get<WebhooksOptions>()?.Dispatch ?? true)
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
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
