using Coursera.Events.Consumers;
using Coursera.Events.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Coursera.Events;

/// <summary>How a service joins the event backbone: its outbox relay, and its consumers.</summary>
public static class EventsExtensions
{
    /// <summary>
    /// Publishes the outbox in PostgreSQL schema <paramref name="schema"/> to the event stream, when the service has
    /// Redis (<c>ConnectionStrings:Redis</c>) and <c>Events:Relay</c> is not false.
    /// </summary>
    public static IHostApplicationBuilder AddOutboxRelay(this IHostApplicationBuilder builder, string schema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EventStreamOptions>().Bind(builder.Configuration.GetSection(EventStreamOptions.Section));
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Redis")) || !builder.Configuration.GetValue("Events:Relay", true))
        {
            return builder;
        }

        builder.Services.AddSingleton<IHostedService>(sp => new OutboxRelay(schema,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IConnectionMultiplexer>(),
            sp.GetRequiredService<IOptions<EventStreamOptions>>(),
            sp.GetRequiredService<ILogger<OutboxRelay>>()));
        return builder;
    }

    /// <summary>Runs <typeparamref name="TConsumer"/> in the background when the service has Redis.</summary>
    public static IHostApplicationBuilder AddEventConsumer<TConsumer>(this IHostApplicationBuilder builder)
        where TConsumer : EventConsumer
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EventStreamOptions>().Bind(builder.Configuration.GetSection(EventStreamOptions.Section));
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Redis")))
        {
            builder.Services.AddHostedService<TConsumer>();
        }

        return builder;
    }
}
