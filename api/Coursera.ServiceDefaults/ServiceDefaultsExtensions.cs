using Coursera.ServiceDefaults.Authentication;
using Coursera.ServiceDefaults.Caching;
using Coursera.ServiceDefaults.DataProtection;
using Coursera.ServiceDefaults.Hosting;
using Coursera.ServiceDefaults.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Coursera.ServiceDefaults;

/// <summary>What every service calls first: telemetry, health, data sources, access-token validation, problem details.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The port that alone serves <c>/health/ready</c> and <c>/metrics</c>.</summary>
    public const string ManagementPortSetting = "Management:Port";

    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddConsoleLogging();
        DevelopmentOnlySettings.Ensure(builder.Configuration, builder.Environment);
        builder.AddTelemetry();
        builder.AddDataSources();
        builder.AddPlatformDataProtection();
        builder.AddTokenValidation();
        builder.AddRateLimits();
        builder.AddTransportSecurity();
        builder.AddCaching();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Metrics for Prometheus always; traces only when there is somewhere to send them (an OTLP collector named by
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): recording spans nobody collects costs every request and every query CPU.
    /// Trace ids flow through <c>traceparent</c> and the logs either way.
    /// </summary>
    private static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Configuration["Service:Name"] ?? builder.Environment.ApplicationName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter("Coursera.*")
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsInfrastructurePath(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Coursera.*")
                .AddOtlpExporter());
        }
    }

    /// <summary>
    /// One pooled PostgreSQL data source and one Redis multiplexer per process, shared by every module.
    /// Both are optional so that tools (schema export) can build a host without infrastructure.
    /// </summary>
    private static void AddDataSources(this IHostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrEmpty(postgres))
        {
            builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(postgres) { Name = "coursera" }.Build());
            builder.Services.AddHealthChecks().AddNpgSql(sp => sp.GetRequiredService<NpgsqlDataSource>(),
                name: "postgres", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        }

        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrEmpty(redis))
        {
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                // While Redis is unreachable commands fail at once instead of queueing for the command timeout: a request
                // that consults Redis (rate limits, the cache, revoked tokens) falls back without waiting 5 s, and the
                // background loops retry on their own.
                options.BacklogPolicy = BacklogPolicy.FailFast;
                return ConnectionMultiplexer.Connect(options);
            });
            builder.Services.AddHealthChecks().AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(),
                name: "redis", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(3));
        }
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseClientAddress();
        app.UseTransportSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimits();
        app.UseUnreadableFormRefusal();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseInvalidTokenRefusal();

        // Readiness (dependency names and timings) and metrics are for operators: with Management:Port set they answer only
        // on that port (listen on it too, e.g. ASPNETCORE_URLS=http://+:8080;http://+:9090, and keep it off the public
        // network); without it, only in Development. Liveness stays on every port for the orchestrator.
        var managementPort = app.Configuration.GetValue<int?>(ManagementPortSetting);
        if (managementPort is not null || !app.Environment.IsDevelopment())
        {
            app.Use((http, next) =>
            {
                if (IsManagementPath(http.Request.Path) && http.Connection.LocalPort != managementPort)
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(http);
            });
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static bool IsManagementPath(PathString path) =>
        path.StartsWithSegments("/health/ready") || path.StartsWithSegments("/metrics");

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
