using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Coursera.Events;

/// <summary>How a service joins the event backbone: one call in its module, then its handlers in one list.</summary>
public static class EventsExtensions
{
    /// <summary>
    /// Publishes the outbox in PostgreSQL schema <paramref name="schema"/> to the event stream, when the service has
    /// Redis (<c>ConnectionStrings:Redis</c>) and <c>Events:Relay</c> is not false. The handlers added to the returned
    /// builder keep their inbox in the same schema.
    /// </summary>
    public static EventHandlers AddEvents(this IHostApplicationBuilder builder, string schema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EventStreamOptions>().Bind(builder.Configuration.GetSection(EventStreamOptions.Section));
        var hasStream = !string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Redis"));
        if (hasStream && !builder.Services.Any(d => d.ServiceType == typeof(EventMetrics)))
        {
            // Once per process, however many services it hosts.
            builder.Services.AddMetrics();
            builder.Services.AddSingleton<EventMetrics>();
            builder.Services.AddHealthChecks().AddCheck<StalledConsumerCheck>("event-consumers", tags: ["ready"]);
        }

        if (hasStream && builder.Configuration.GetValue("Events:Relay", true))
        {
            builder.Services.AddSingleton<IHostedService>(sp => new OutboxRelay(schema,
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<EventStreamOptions>>(),
                sp.GetRequiredService<EventMetrics>(),
                sp.GetRequiredService<ILogger<OutboxRelay>>()));
        }

        return new EventHandlers(builder.Services, schema, hasStream);
    }
}

/// <summary>A service's event handlers, each with the consumer group it reads as.</summary>
public sealed class EventHandlers
{
    private readonly IServiceCollection _services;
    private readonly string _schema;
    private readonly bool _hasStream;

    internal EventHandlers(IServiceCollection services, string schema, bool hasStream)
    {
        _services = services;
        _schema = schema;
        _hasStream = hasStream;
    }

    /// <summary>
    /// Runs <typeparamref name="THandler"/> in the background as consumer group <paramref name="group"/> when the
    /// service has Redis. The group name is the handler's position in the stream: renaming it replays the stream.
    /// </summary>
    public EventHandlers Handle<THandler>(string group)
        where THandler : class, IEventHandler
    {
        _services.AddSingleton<THandler>();
        if (_hasStream)
        {
            // Also as itself, for the readiness check that reports stalled consumers.
            _services.AddSingleton(sp => new EventConsumer(group, _schema, sp.GetRequiredService<THandler>(),
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<EventStreamOptions>>(),
                sp.GetRequiredService<EventMetrics>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<THandler>()));
            _services.AddSingleton<IHostedService>(sp => sp.GetServices<EventConsumer>().Single(c => c.Group == group));
        }

        return this;
    }
}
