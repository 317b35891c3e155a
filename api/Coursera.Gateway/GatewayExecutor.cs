using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway;

/// <summary>
/// Runs client requests through the federation engine. In Development, the header <c>X-Query-Plan: true</c> adds
/// the plan to the response's <c>extensions</c> for debugging.
/// </summary>
public sealed class GatewayExecutor(SupergraphProvider supergraph, IOptions<GraphQLEndpointOptions> options, IHostEnvironment environment)
    : IGraphQLExecutor
{
    public const string QueryPlanHeader = "X-Query-Plan";

    public GraphQLEndpointOptions Options => options.Value;

    public async Task<IGraphQLResult> ExecuteAsync(GraphQLRequest request, GraphQLDocument? document, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(http);
        var gateway = await supergraph.GetAsync(http.RequestAborted);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(Options.ExecutionTimeout);
        var variables = request.Variables is null ? null : JsonSerializer.SerializeToNode(request.Variables) as JsonObject;
        var response = await gateway.ExecuteAsync(request.Query, request.OperationName, variables, timeout.Token);
        if (environment.IsDevelopment() && http.Request.Headers[QueryPlanHeader] == "true" && response.ContainsKey("data"))
        {
            response["extensions"] = new JsonObject { ["queryPlan"] = gateway.Plan(request.Query, request.OperationName).ToJson() };
        }

        return new Result(response);
    }

    private sealed class Result(JsonObject response) : IGraphQLResult
    {
        public bool IsRequestError => !response.ContainsKey("data");

        public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
        {
            await using var writer = new Utf8JsonWriter(body);
            response.WriteTo(writer);
            await writer.FlushAsync(cancellationToken);
        }
    }
}
