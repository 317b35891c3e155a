using Coursera.Sdk;
using Coursera.Sdk.Authentication;
using Coursera.Sdk.Idempotency;
using Coursera.Sdk.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="CourseraClient"/> with the HTTP client factory.</summary>
public static class CourseraServiceCollectionExtensions
{
    /// <summary>The name of the SDK's HTTP client in the HTTP client factory.</summary>
    public const string HttpClientName = "Coursera.Sdk";

    /// <summary>
    /// Registers <see cref="CourseraClient"/> (transient, on a pooled HTTP client) with its handlers, in the order a
    /// request meets them: the idempotency key, the retry pipeline, the access token.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the options: base URL, client id and secret, scopes, retries.</param>
    /// <returns>The HTTP client's builder, to add handlers or set the primary handler (a proxy, say).</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddCourseraClient(options =>
    /// {
    ///     options.BaseUrl = new Uri(builder.Configuration["Coursera:BaseUrl"]!);
    ///     options.ClientId = builder.Configuration["Coursera:ClientId"];
    ///     options.ClientSecret = builder.Configuration["Coursera:ClientSecret"];
    /// });
    /// </code>
    /// </example>
    public static IHttpClientBuilder AddCourseraClient(this IServiceCollection services, Action<CourseraClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<CourseraClientOptions>().Configure(configure).PostConfigure(options => options.Validate());
        return services.AddCourseraHttpClient();
    }

    /// <summary>The HTTP client and its handlers, for options registered by the caller.</summary>
    internal static IHttpClientBuilder AddCourseraHttpClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessTokenCache>();
        services.TryAddTransient<IdempotencyKeyHandler>();
        services.TryAddTransient<ClientCredentialsHandler>();

        // The key is set before the retries, so every attempt of a call carries the same one; the token is set after them,
        // so an attempt made after the token expired carries a new one.
        var client = services.AddHttpClient<CourseraClient>(HttpClientName,
                (provider, http) => http.BaseAddress = provider.GetRequiredService<IOptions<CourseraClientOptions>>().Value.ApiBase)
            .AddHttpMessageHandler<IdempotencyKeyHandler>();
        client.AddResilienceHandler("retry", (pipeline, context) =>
            CourseraRetry.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<CourseraClientOptions>>().Value.Retry));
        return client.AddHttpMessageHandler<ClientCredentialsHandler>();
    }
}
