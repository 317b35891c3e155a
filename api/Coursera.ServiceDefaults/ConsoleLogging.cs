using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Coursera.ServiceDefaults;

/// <summary>
/// Logs to the console, carrying the trace and span id of the request that wrote them. Outside Development each entry
/// is one JSON object, for the log collector; in Development one readable line with a timestamp, for the developer
/// watching the terminal. <c>Logging:Console:FormatterName</c> (<c>json</c>, <c>simple</c>, <c>systemd</c>) chooses
/// otherwise, and <c>Logging:Console:FormatterOptions</c> adjusts the chosen formatter.
/// </summary>
internal static class ConsoleLogging
{
    public static void AddConsoleLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // The host's defaults bound Logging:Console:FormatterOptions before these run, so it is bound again on top of
        // them: configuration wins over the defaults chosen here.
        var configured = builder.Configuration.GetSection("Logging:Console:FormatterOptions");
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            configured.Bind(o);
        });
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            configured.Bind(o);
        });

        var formatter = builder.Environment.IsDevelopment() ? ConsoleFormatterNames.Simple : ConsoleFormatterNames.Json;
        // Runs after the binding of Logging:Console, so that a configured formatter name stays.
        builder.Logging.AddConsole(o => o.FormatterName ??= formatter);
    }
}
