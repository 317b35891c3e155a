using Microsoft.Extensions.Options;

namespace Coursera.GradingWorker;

/// <summary>The grading worker's only entry point, used by its Program.</summary>
public static class GradingWorkerModule
{
    public const string HttpClientName = "grading";

    public static IHostApplicationBuilder AddGradingWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<GradingWorkerOptions>()
            .Bind(builder.Configuration.GetSection(GradingWorkerOptions.Section))
            .Validate(o => o.Endpoint is { IsAbsoluteUri: true }, "GradingWorker:Endpoint must be the absolute URL of the GraphQL endpoint.")
            .Validate(o => o.Authority is { IsAbsoluteUri: true }, "GradingWorker:Authority must be the absolute URL of the token issuer.")
            .Validate(o => o.ClientId.Length > 0 && o.ClientSecret.Length > 0, "GradingWorker:ClientId and ClientSecret are required.")
            .Validate(o => o.LeaseSeconds > 0 && o.PollInterval > TimeSpan.Zero, "GradingWorker:LeaseSeconds and PollInterval must be positive.")
            .ValidateOnStart();

        // One client for the life of the worker: connections are renewed now and then so that it follows DNS changes.
        builder.Services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        builder.Services.AddSingleton(sp => new JobGrader(
            sp.GetRequiredService<IOptions<GradingWorkerOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<ILogger<JobGrader>>()));
        builder.Services.AddHostedService<GradingLoop>();
        return builder;
    }
}
