using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coursera.ServiceDefaults.Hosting;

/// <summary>
/// HTTPS outside Development, with the framework's HSTS and HTTPS redirection. Browsers are told to use HTTPS only for a
/// year, subdomains included, on every HTTPS response (a request is HTTPS when Kestrel terminated TLS itself, or when a
/// proxy named in <c>ForwardedHeaders:KnownProxies</c>/<c>KnownNetworks</c> said <c>X-Forwarded-Proto: https</c>, as
/// the Ingress does). Plain HTTP is redirected only where the service serves HTTPS itself (a Kestrel endpoint with a
/// certificate, or <c>HTTPS_PORT</c> naming the public HTTPS port): behind an Ingress that terminates TLS the pods
/// serve HTTP alone, and the gateway's calls to the subgraphs inside the cluster stay plain HTTP, so they are never
/// redirected to a port nobody listens on. The management port and the health and metrics paths are never redirected:
/// probes and Prometheus scrape them over HTTP. Development serves HTTP on loopback (run.sh) and gets neither.
/// </summary>
public static class TransportSecurity
{
    /// <summary>HSTS for a year with subdomains; 308 keeps the method and body of a redirected POST.</summary>
    public static IHostApplicationBuilder AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        builder.Services.AddHttpsRedirection(redirection => redirection.RedirectStatusCode = StatusCodes.Status308PermanentRedirect);
        return builder;
    }

    /// <summary>After the forwarded headers (the scheme the client used) and before anything that answers.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        app.UseHsts();
        var managementPort = app.Configuration.GetValue<int?>(ServiceDefaultsExtensions.ManagementPortSetting);
        var servesHttps = new Lazy<bool>(() => ServesHttps(app));
        app.UseWhen(
            http => http.Connection.LocalPort != managementPort && !IsOperatorPath(http.Request.Path) && servesHttps.Value,
            redirected => redirected.UseHttpsRedirection());
        return app;
    }

    /// <summary>
    /// Asked at the first request, when Kestrel has bound its addresses. Without an HTTPS port the framework's middleware
    /// would log a warning and pass the request on: the answer is the same, without the noise in every pod's log.
    /// </summary>
    private static bool ServesHttps(WebApplication app) =>
        app.Configuration["HTTPS_PORT"] is { Length: > 0 }
        || app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Any(address => address.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) == true;

    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
