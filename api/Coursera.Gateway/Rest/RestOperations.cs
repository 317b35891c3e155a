using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Coursera.Gateway.Rest.Conventions;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Rest;

/// <summary>
/// Runs a REST endpoint's fixed GraphQL operation through the same federation engine, with the caller's own token, so
/// REST has no authorization rules and no data access of its own: what GraphQL refuses, REST refuses with the same code.
/// </summary>
public sealed class RestOperations(SupergraphProvider supergraph, IOptions<GraphQLEndpointOptions> options)
{
    /// <summary>
    /// Web defaults (camelCase), numbers only as numbers, as the OpenAPI document says, and links unescaped: the
    /// bodies are served as application/json, never inlined into HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The operation's <c>data</c>; any GraphQL error becomes the <see cref="RestProblemException"/> it stands for.</summary>
    public async Task<JsonObject> RunAsync(HttpContext http, GraphQLOperation operation, JsonObject? variables = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(operation);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(options.Value.ExecutionTimeout);
        JsonObject response;
        try
        {
            var gateway = await supergraph.GetAsync(deadline.Token);
            response = await gateway.ExecuteAsync(operation.Document, null, variables, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            throw new RestProblemException(StatusCodes.Status504GatewayTimeout, ErrorCodes.Timeout,
                $"The request did not complete within {options.Value.ExecutionTimeout.TotalSeconds:0.###} s.");
        }

        if (response["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw RestProblemException.FromGraphQL(errors);
        }

        return response["data"] as JsonObject ?? throw new InvalidOperationException($"{operation.Name} returned no data.");
    }

    /// <summary>A query's root field as <typeparamref name="T"/>; null (nothing visible) is a 404 naming <paramref name="what"/>.</summary>
    public async Task<T> GetAsync<T>(HttpContext http, GraphQLOperation operation, JsonObject? variables, string field, string what)
    {
        var data = await RunAsync(http, operation, variables);
        return data[field] is { } node ? Read<T>(node) : throw RestProblemException.NotFound(what);
    }

    /// <summary>
    /// A mutation's payload at <paramref name="field"/>: its typed user errors become a 422 (a 404 when the path's own
    /// resource is not found), else the payload is returned for the endpoint to pick its resource from.
    /// </summary>
    public async Task<JsonObject> MutateAsync(HttpContext http, GraphQLOperation operation, JsonObject variables, string field)
    {
        var data = await RunAsync(http, operation, variables);
        var payload = data[field] as JsonObject ?? throw new InvalidOperationException($"{operation.Name} returned no {field}.");
        if (payload["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw RestProblemException.FromUserErrors(errors, http.Request.RouteValues.Keys);
        }

        return payload;
    }

    public static T Read<T>(JsonNode node) =>
        node.Deserialize<T>(Json) ?? throw new InvalidOperationException($"Null where a {typeof(T).Name} was expected.");

    /// <summary>
    /// Request variables from an anonymous object or record. Nulls are left out: to GraphQL an explicit null differs
    /// from an absent field ("clear it" rather than "leave it"), and REST's absent and null both mean "leave it".
    /// </summary>
    public static JsonObject Variables(object values) => JsonSerializer.SerializeToNode(values, VariableJson)!.AsObject();

    private static readonly JsonSerializerOptions VariableJson = new(Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
