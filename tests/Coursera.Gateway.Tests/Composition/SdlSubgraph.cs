using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coursera.Gateway.Tests.Composition;

/// <summary>
/// A subgraph on a real loopback socket whose schema the test changes while the gateway runs, as a deployment of a
/// subgraph would: it answers <c>_service { sdl }</c> with <see cref="Sdl"/> (a 503 while that is null, as a subgraph
/// still starting), and any other query with <see cref="Data"/>. Composition only ever reads the SDL, so this is all a
/// subgraph is to the code under test; the gateway itself is the real one.
/// </summary>
internal sealed class SdlSubgraph : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SdlSubgraph(WebApplication app) => _app = app;

    public string? Sdl { get; set; }

    public JsonObject Data { get; set; } = [];

    public int SdlRequests { get; private set; }

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/graphql");

    public static async Task<SdlSubgraph> StartAsync(string? sdl)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var subgraph = new SdlSubgraph(builder.Build()) { Sdl = sdl };
        subgraph._app.MapPost("/graphql", subgraph.AnswerAsync);
        await subgraph._app.StartAsync();
        return subgraph;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task AnswerAsync(HttpContext http)
    {
        var request = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var query = request?["query"]?.GetValue<string>() ?? string.Empty;
        if (!query.Contains("_service", StringComparison.Ordinal))
        {
            await http.Response.WriteAsJsonAsync(new JsonObject { ["data"] = Data.DeepClone() }, http.RequestAborted);
            return;
        }

        SdlRequests++;
        if (Sdl is not { } sdl)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await http.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonObject { ["_service"] = new JsonObject { ["sdl"] = sdl } } },
            http.RequestAborted);
    }
}
