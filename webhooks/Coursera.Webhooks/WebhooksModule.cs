using Coursera.Events;
using Microsoft.AspNetCore.DataProtection;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Delivery;
using Coursera.Webhooks.Events;
using Coursera.Webhooks.GraphQL;
using Coursera.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coursera.Webhooks;

/// <summary>The webhook dispatcher's only entry points: its own Program and the all-in-one host.</summary>
public static class WebhooksModule
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDbContextFactory<WebhooksDbContext>((sp, options) => options.UseWebhooksStore(sp.GetRequiredService<NpgsqlDataSource>()));
        // First of all hosted services: Data Protection's own start-up (registered by authentication, long before this
        // module) reads the key ring from the table this migration creates.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, WebhooksStartup>());

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
                MaxConnectionsPerServer = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.MaxConnectionsPerEndpoint,
            });
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<WebhookManagement>();
        builder.AddSubgraph<WebhooksSchema>();
        builder.AddOutboxRelay(WebhooksDbContext.Schema);
        if (builder.Configuration.GetValue("Webhooks:Dispatch", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
            builder.AddEventConsumer<WebhookFanout>();
        }

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
