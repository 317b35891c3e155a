using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Subgraphs.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coursera.Subgraphs.Tests.Support;

/// <summary>
/// The test schema served the way a service serves its own: <c>AddSubgraph</c> + <c>MapSubgraph("/graphql")</c> on an
/// in-memory server, with the environment and the <c>GraphQL</c> configuration section chosen per test.
/// </summary>
public sealed class SubgraphHost : IAsyncDisposable
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>The gateway key of hosts started outside Development (which must have one).</summary>
    public const string TestGatewayKey = "subgraph-tests-gateway-key-0123456789abcdef";

    private readonly WebApplication _app;

    private SubgraphHost(WebApplication app, ErrorLog errors)
    {
        _app = app;
        Errors = errors;
        Server = app.GetTestServer();

        // Outside Development the subgraph admits only the gateway: the tests' client signs as the gateway does.
        Http = GatewayCredential.FromConfiguration(app.Configuration) is { } credential
            ? new HttpClient(new GatewaySigningHandler(credential) { InnerHandler = Server.CreateHandler() }) { BaseAddress = Server.BaseAddress }
            : Server.CreateClient();
    }

    public TestServer Server { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything the host logged at Error or above: a request a client got an answer to should log none.</summary>
    public ErrorLog Errors { get; }

    public static async Task<SubgraphHost> StartAsync(
        string environment = "Production",
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (environment != "Development" && builder.Configuration[GatewayCredential.KeySetting] is null)
        {
            builder.Configuration[GatewayCredential.KeySetting] = TestGatewayKey;
        }

        var errors = new ErrorLog();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(errors);
        builder.AddSubgraph<TestSchema>();
        TestSchema.AddServices(builder.Services);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSubgraph<TestSchema>("/graphql");
        await app.StartAsync();
        return new SubgraphHost(app, errors);
    }

    public Task<GraphQLHttpResult> PostAsync(string query, object? variables = null, string? accept = GraphQLResponse, string? operationName = null) =>
        PostJsonAsync(JsonSerializer.Serialize(new { query, variables, operationName }), accept);

    public async Task<GraphQLHttpResult> PostJsonAsync(string body, string? accept = GraphQLResponse, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await SendAsync(request, accept);
    }

    public async Task<GraphQLHttpResult> GetAsync(string pathAndQuery, string? accept = GraphQLResponse)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        return await SendAsync(request, accept);
    }

    public async Task<GraphQLHttpResult> SendAsync(HttpRequestMessage request, string? accept = GraphQLResponse)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await Http.SendAsync(request);
        return await GraphQLHttpResult.ReadAsync(response);
    }

    /// <summary>Stops the host the way a shutdown signal does (the application's stopping token fires).</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }

    public sealed class ErrorLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}

/// <summary>A response as a client sees it: status, media type, headers and the parsed body.</summary>
public sealed record GraphQLHttpResult(HttpStatusCode Status, string? MediaType, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)?.AsObject() ?? throw new InvalidOperationException("Empty body");

    public JsonNode? Data => Json["data"];

    public JsonArray Errors => Json["errors"]?.AsArray() ?? [];

    public IReadOnlyList<string?> Codes => [.. Errors.Select(e => e?["extensions"]?["code"]?.GetValue<string>())];

    public static async Task<GraphQLHttpResult> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLHttpResult(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers, response.Content.Headers, body);
    }

    /// <summary>The data, after checking the response is a 200 without errors.</summary>
    public JsonNode Ok()
    {
        Assert.True(Status == HttpStatusCode.OK && !Json.ContainsKey("errors"), $"Expected data without errors, got {(int)Status}: {Body}");
        return Data!;
    }

    /// <summary>Checks that there are errors and that every one of them carries <c>extensions.code</c>.</summary>
    public JsonArray AssertErrorsWithCodes()
    {
        Assert.True(Errors.Count > 0, $"Expected errors, got {Body}");
        Assert.All(Errors, e => Assert.False(string.IsNullOrEmpty(e?["extensions"]?["code"]?.GetValue<string>()), $"Error without extensions.code: {e}"));
        return Errors;
    }

    public override string ToString() => $"{(int)Status} {MediaType}: {Body}";
}
