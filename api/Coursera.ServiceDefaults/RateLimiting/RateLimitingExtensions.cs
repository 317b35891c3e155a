using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>
/// Rate limits shared through Redis (<see cref="RateLimitingOptions"/>, applied by path in <see cref="RateLimitRules"/>)
/// and the client's address behind known proxies (<c>ForwardedHeaders:KnownProxies</c>, <c>ForwardedHeaders:KnownNetworks</c>).
/// </summary>
public static class RateLimitingExtensions
{
    public const string ForwardedHeadersSection = "ForwardedHeaders";

    internal static void AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitingOptions.Section))
            .Validate(o => Policies(o).All(p => p.PerAddress >= 0 && p.PerUser >= 0 && p.PerClient >= 0 && p.PerAccount >= 0 && p.Window >= TimeSpan.FromSeconds(1)),
                $"{RateLimitingOptions.Section}: counts must be 0 (off) or positive, and windows at least one second.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RateLimitRules>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimitRejection.WriteAsync;
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((limiter, services) =>
        {
            // Without Redis (a tool building the host) there is nothing to count in: no limits.
            // Made here rather than registered: a host without Redis must still pass the container's validation.
            if (services.GetService<IConnectionMultiplexer>() is not null)
            {
                limiter.GlobalLimiter = ActivatorUtilities.CreateInstance<RedisRateLimitGate>(services);
            }
        });

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Only the proxies named in configuration are believed: by default none, so a client cannot choose its
            // address by sending X-Forwarded-For. Loopback, which ASP.NET trusts by default, is not assumed either.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            var section = builder.Configuration.GetSection(ForwardedHeadersSection);
            foreach (var proxy in Values(section, "KnownProxies"))
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in Values(section, "KnownNetworks"))
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    /// <summary>First in the pipeline: everything after it (limits, the audit log) sees the client's address.</summary>
    internal static void UseClientAddress(this WebApplication app)
    {
        var section = app.Configuration.GetSection(ForwardedHeadersSection);
        if (Values(section, "KnownProxies").Any() || Values(section, "KnownNetworks").Any())
        {
            app.UseForwardedHeaders();
        }
    }

    /// <summary>Before authentication: the token endpoint checks client secrets there, which is what a flood would cost.</summary>
    internal static void UseRateLimits(this WebApplication app) => app.UseRateLimiter();

    /// <summary>A list given as an array (<c>KnownProxies:0=…</c>) or as one comma-separated value (<c>KnownProxies=a,b</c>).</summary>
    private static IEnumerable<string> Values(IConfigurationSection section, string key)
    {
        var list = section.GetSection(key);
        var values = list.Value is { } single ? single.Split(',') : list.GetChildren().Select(c => c.Value ?? "");
        return values.Select(v => v.Trim()).Where(v => v.Length > 0);
    }

    private static IEnumerable<RateLimitPolicyOptions> Policies(RateLimitingOptions o) =>
        [o.Api, o.Token, o.SignIn, o.Registration, o.Certificates];
}
