using System.Text.Json.Nodes;
using Coursera.Gateway.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Coursera.Gateway.Composition;

/// <summary>
/// Answers a request that found no supergraph to run on with 503 and <see cref="GatewayErrorCodes.SupergraphUnavailable"/>
/// (a GraphQL error on <c>/graphql</c>, problem details on REST), with <c>Retry-After</c>, instead of a bare 500: the
/// client may retry, and the message says why. Registered as an <see cref="IExceptionHandler"/>, so every path that asks
/// <see cref="SupergraphProvider"/> for the engine (single requests, batches, REST) is covered by one rule.
/// </summary>
internal sealed class SupergraphUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SupergraphUnavailableException unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }

        var message = Message(unavailable.Failure);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The exception handler clears the endpoint before it calls handlers; its feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<GatewayEndpointMarker>() is not null)
        {
            var accepts = httpContext.Request.Headers.Accept.ToString();
            httpContext.Response.ContentType = (accepts.Contains("application/graphql-response+json", StringComparison.OrdinalIgnoreCase)
                ? "application/graphql-response+json" : "application/json") + "; charset=utf-8";
            await httpContext.Response.WriteAsync(new GatewayError(GatewayErrorCodes.SupergraphUnavailable, message).ToResponse().ToJsonString(),
                cancellationToken);
            return true;
        }

        var details = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = message };
        details.Extensions["code"] = GatewayErrorCodes.SupergraphUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>What a client may know: the kind of failure, not the subgraphs' addresses or schema details (health has those).</summary>
    public static string Message(SupergraphFailure failure) => failure.Kind == SupergraphFailureKind.CompositionFailed
        ? "The gateway has no schema to serve: its subgraphs do not compose. Try again later."
        : "The gateway has no schema to serve yet: some subgraphs have not answered. Try again later.";
}
