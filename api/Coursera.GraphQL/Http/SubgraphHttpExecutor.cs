using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;

namespace Coursera.GraphQL.Http;

/// <summary>Serves a subgraph's schema over HTTP through its <see cref="SubgraphExecutor{TSchema}"/>.</summary>
internal sealed class SubgraphHttpExecutor<TSchema>(SubgraphExecutor<TSchema> executor, IGraphQLSerializer serializer) : IGraphQLExecutor
    where TSchema : ISchema
{
    public GraphQLEndpointOptions Options => executor.Options;

    public async Task<IGraphQLResult> ExecuteAsync(GraphQLRequest request, GraphQLDocument? document, HttpContext http) =>
        new Result(await executor.ExecuteAsync(request, document, http.RequestServices, http.User, http.RequestAborted), serializer);

    private sealed class Result(ExecutionResult result, IGraphQLSerializer serializer) : IGraphQLResult
    {
        public bool IsRequestError => !result.Executed;

        public Task WriteAsync(Stream body, CancellationToken cancellationToken) => serializer.WriteAsync(body, result, cancellationToken);
    }
}
