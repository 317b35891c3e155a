using GraphQL;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Coursera.Subgraphs.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL foundation's specification): POST with JSON, GET for queries only, content
/// negotiation between <c>application/graphql-response+json</c> and <c>application/json</c>, and a WebSocket
/// upgrade on the same path for <c>graphql-transport-ws</c>.
/// </summary>
internal sealed class GraphQLHttpEndpoint(
    IGraphQLExecutor executor,
    IGraphQLSerializer serializer,
    Func<HttpContext, Task>? webSockets)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            if (webSockets is null)
            {
                await ProblemAsync(http, StatusCodes.Status400BadRequest, "This endpoint does not serve WebSocket connections.").ConfigureAwait(false);
                return;
            }

            await webSockets(http).ConfigureAwait(false);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(http.Request.Headers.Accept);
        if (mediaType is null)
        {
            await ProblemAsync(http, StatusCodes.Status406NotAcceptable,
                $"Accept {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}.").ConfigureAwait(false);
            return;
        }

        GraphQLRequest request;
        try
        {
            request = await ReadAsync(http).ConfigureAwait(false);
        }
        catch (HttpRequestError error)
        {
            if (error.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                http.Response.Headers.Allow = "GET, POST";
            }

            await ProblemAsync(http, error.StatusCode, error.Message).ConfigureAwait(false);
            return;
        }

        var document = TryParse(request.Query);
        var operation = document is null ? null : SelectOperation(document, request.OperationName);
        if (operation is { Operation: OperationType.Mutation } && HttpMethods.IsGet(http.Request.Method))
        {
            http.Response.Headers.Allow = "POST";
            await ProblemAsync(http, StatusCodes.Status405MethodNotAllowed, "Mutations are only accepted over POST.")
                .ConfigureAwait(false);
            return;
        }

        if (operation is { Operation: OperationType.Subscription })
        {
            await ProblemAsync(http, StatusCodes.Status400BadRequest,
                "Subscriptions are served over WebSocket (graphql-transport-ws) on this path.").ConfigureAwait(false);
            return;
        }

        var result = await executor.ExecuteAsync(request, document, http).ConfigureAwait(false);

        // A request error (nothing executed) is a 400 under the new media type; legacy JSON clients expect 200.
        http.Response.StatusCode = result.IsRequestError && mediaType == GraphQLMediaTypes.GraphQLResponse
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await result.WriteAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private Task<GraphQLRequest> ReadAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method))
        {
            return Task.FromResult(GraphQLHttpRequestReader.ReadGet(http.Request, serializer));
        }

        if (!HttpMethods.IsPost(http.Request.Method))
        {
            throw new HttpRequestError(StatusCodes.Status405MethodNotAllowed, "Use GET or POST.");
        }

        if (!IsJson(http.Request.ContentType))
        {
            throw new HttpRequestError(StatusCodes.Status415UnsupportedMediaType,
                "POST requests must have Content-Type application/json (UTF-8).");
        }

        return GraphQLHttpRequestReader.ReadPostAsync(http.Request, serializer, executor.Options.MaxRequestBytes);
    }

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var charset = media.Charset.Value;
        return string.Equals(media.MediaType.Value, GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
            && (charset is null || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Parses once here so the method rules can be checked; the executer reuses the document.</summary>
    private static GraphQLDocument? TryParse(string query)
    {
        try
        {
            return GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            return null; // the executer reports the syntax error in the GraphQL response format
        }
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? match = null;
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            if (operationName is null)
            {
                if (match is not null)
                {
                    return null; // ambiguous: validation reports it
                }

                match = operation;
            }
            else if (operation.Name?.StringValue == operationName)
            {
                return operation;
            }
        }

        return match;
    }

    private static Task ProblemAsync(HttpContext http, int status, string detail) =>
        Results.Problem(statusCode: status, detail: detail).ExecuteAsync(http);
}
