using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Gateway.Persisted;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using GraphQL;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Http;

/// <summary>
/// Batched requests: a POST whose body is a JSON array of GraphQL requests, answered (200, <c>application/json</c>) with
/// the array of their responses in the same order, as Apollo's and others' batching clients expect. A batch larger than
/// <see cref="GatewayOptions.MaxBatchSize"/> is refused whole (400, BATCH_LIMIT_EXCEEDED) before anything runs. Each
/// operation gets every protection a single request gets (limits, persisted operations) and its own errors; the batch
/// shares one execution timeout. Queries run concurrently; a batch holding a mutation runs in order, as sent.
/// </summary>
internal sealed class BatchRequestHandler(
    GatewayExecutor executor,
    PersistedOperations persisted,
    IOptions<GatewayOptions> options,
    IGraphQLSerializer serializer)
{
    public async Task HandleAsync(HttpContext http, byte[] body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await RequestBody.ProblemAsync(http, StatusCodes.Status400BadRequest, "The request body is not valid JSON.");
            return;
        }

        using (json)
        {
            var size = json.RootElement.GetArrayLength();
            var maxBatchSize = options.Value.MaxBatchSize;
            if (size > maxBatchSize || size == 0)
            {
                var refusal = size == 0
                    ? new GatewayError(ErrorCodes.BadRequest, "The batch is empty: send at least one operation.")
                    : maxBatchSize == 0
                        ? new GatewayError(GatewayErrorCodes.BatchLimitExceeded, "This endpoint does not accept batched requests (a JSON array body): send one operation per request.")
                        : new GatewayError(GatewayErrorCodes.BatchLimitExceeded, $"The batch holds {size} operations; this endpoint accepts at most {maxBatchSize} in one request.");
                await WriteAsync(http, StatusCodes.Status400BadRequest, refusal.ToResponse());
                return;
            }

            var operations = new List<BatchOperation>(size);
            try
            {
                foreach (var element in json.RootElement.EnumerateArray())
                {
                    operations.Add(await ReadAsync(element, http.RequestAborted));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException)
            {
                // An escaped lone surrogate is valid JSON but no string, as in a single request.
                await RequestBody.ProblemAsync(http, StatusCodes.Status400BadRequest, "The request body holds a value that cannot be read.");
                return;
            }

            var responses = new JsonNode?[operations.Count];
            using var deadline = executor.StartDeadline(http);
            if (operations.Any(o => o.Type == OperationType.Mutation))
            {
                for (var i = 0; i < operations.Count; i++)
                {
                    responses[i] = await RunAsync(operations[i], http, deadline.Token);
                }
            }
            else
            {
                var running = operations.Select(o => RunAsync(o, http, deadline.Token)).ToList();
                for (var i = 0; i < running.Count; i++)
                {
                    responses[i] = await running[i];
                }
            }

            await WriteAsync(http, StatusCodes.Status200OK, new JsonArray(responses));
        }
    }

    private async Task<JsonObject> RunAsync(BatchOperation operation, HttpContext http, CancellationToken deadline) =>
        operation.Error is { } error ? error.ToResponse() : await executor.ExecuteAsync(operation.Request!, http, deadline);

    /// <summary>One element of the batch, checked as the shared endpoint checks a single request's parameters.</summary>
    private async ValueTask<BatchOperation> ReadAsync(JsonElement element, CancellationToken cancellationToken)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Refused("Each operation of a batch must be a JSON object.");
        }

        if (!TryString(element, "query", out var query))
        {
            return Refused("The 'query' parameter must be a string.");
        }

        if (!TryString(element, "operationName", out var operationName))
        {
            return Refused("The 'operationName' parameter must be a string.");
        }

        if (!TryMap(element, "variables", out var variables))
        {
            return Refused("The 'variables' parameter must be a map.");
        }

        if (!TryMap(element, "extensions", out var extensions))
        {
            return Refused("The 'extensions' parameter must be a map.");
        }

        if (query is null)
        {
            // Only a persisted-query hash may stand in for the document.
            var (hash, malformed) = PersistedQuery.Read(extensions);
            if (hash is null)
            {
                return new BatchOperation(null, null, malformed ?? new GatewayError(ErrorCodes.BadRequest, "The 'query' parameter is required."));
            }

            var (document, refused) = await persisted.FindAsync(hash, cancellationToken);
            if (refused is not null)
            {
                return new BatchOperation(null, null, refused);
            }

            query = document!;
        }

        var type = OperationTypeOf(query, operationName);
        if (type == OperationType.Subscription)
        {
            return Refused("Subscriptions are served over WebSocket (graphql-transport-ws) on this path, not in a batch.");
        }

        return new BatchOperation(new GraphQLRequest(query, operationName, variables, extensions), type, null);
    }

    private static bool TryString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = property.ValueKind == JsonValueKind.String ? property.GetString() : null;
        return value is not null;
    }

    private bool TryMap(JsonElement element, string name, out Inputs? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        value = serializer.ReadNode<Inputs>(property);
        return true;
    }

    /// <summary>The type of the operation that will run; null when the document does not parse or name one (the engine reports that).</summary>
    private static OperationType? OperationTypeOf(string query, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            return null;
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        return operation?.Operation;
    }

    private static BatchOperation Refused(string message) => new(null, null, new GatewayError(ErrorCodes.BadRequest, message));

    private static async Task WriteAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(http.RequestAborted);
    }

    private sealed record BatchOperation(GraphQLRequest? Request, OperationType? Type, GatewayError? Error);
}
