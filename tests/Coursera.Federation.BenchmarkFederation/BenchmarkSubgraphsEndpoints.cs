using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Federation.BenchmarkFederation;

/// <summary>Serves the benchmark subgraphs over HTTP, for end-to-end runs: POST <c>/{name}/graphql</c> per subgraph.</summary>
public static class BenchmarkSubgraphsEndpoints
{
    /// <summary>
    /// Maps POST <c>/accounts/graphql</c>, <c>/products/graphql</c>, <c>/inventory/graphql</c> and <c>/reviews/graphql</c>.
    /// Uses the <see cref="BenchmarkSubgraphs"/> registered in the app's services if there is one, so a test can read
    /// its request counts (register it with a factory, <c>AddSingleton(_ => BenchmarkSubgraphs.Create())</c>, for the
    /// container to dispose of it); otherwise creates one and disposes of it when the app stops. Responses are
    /// <c>application/json</c>: 200 when the operation ran, 400 when the body or the document was rejected.
    /// </summary>
    public static void MapBenchmarkSubgraphs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var subgraphs = app.Services.GetService<BenchmarkSubgraphs>();
        if (subgraphs is null)
        {
            subgraphs = BenchmarkSubgraphs.Create();
            app.Lifetime.ApplicationStopped.Register(() => subgraphs.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        app.MapBenchmarkSubgraphs(subgraphs);
    }

    /// <summary>Maps POST <c>/{name}/graphql</c> for each of <paramref name="subgraphs"/>; the caller owns them.</summary>
    public static void MapBenchmarkSubgraphs(this WebApplication app, BenchmarkSubgraphs subgraphs)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(subgraphs);
        foreach (var name in subgraphs.Names)
        {
            app.MapPost($"/{name}/graphql", (HttpContext http) => HandleAsync(subgraphs, name, http));
        }
    }

    /// <summary>Maps POST <paramref name="pattern"/> to one subgraph, e.g. <c>/graphql</c> restricted to one port.</summary>
    public static IEndpointConventionBuilder MapBenchmarkSubgraph(this IEndpointRouteBuilder app, BenchmarkSubgraphs subgraphs, string name, string pattern)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(subgraphs);
        return app.MapPost(pattern, (HttpContext http) => HandleAsync(subgraphs, name, http));
    }

    private static async Task HandleAsync(BenchmarkSubgraphs subgraphs, string name, HttpContext http)
    {
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        var response = await subgraphs.ExecuteCoreAsync(name, body, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = response.StatusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(response.Body, Encoding.UTF8, http.RequestAborted).ConfigureAwait(false);
    }
}
