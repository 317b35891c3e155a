using System.Runtime.CompilerServices;
using Coursera.Subgraphs.WebSockets;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Subgraphs.Http;

/// <summary>Serves a subgraph's schema over HTTP and WebSocket through its <see cref="SubgraphExecutor{TSchema}"/>.</summary>
internal sealed class SubgraphHttpExecutor<TSchema>(SubgraphExecutor<TSchema> executor, IGraphQLSerializer serializer)
    : IGraphQLExecutor, IGraphQLStreamExecutor
    where TSchema : ISchema
{
    public GraphQLEndpointOptions Options => executor.Options;

    public async Task<IGraphQLResult> ExecuteAsync(GraphQLRequest request, GraphQLDocument? document, HttpContext http) =>
        new Result(await executor.ExecuteAsync(request, document, http.RequestServices, http.User, http.RequestAborted), serializer);

    public async IAsyncEnumerable<IGraphQLResult> SubscribeAsync(GraphQLRequest request, HttpContext http,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A scope per operation: the operations of one connection run side by side, and scoped services (a DbContext)
        // serve one at a time.
        var scope = http.RequestServices.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await foreach (var result in executor.SubscribeAsync(request, scope.ServiceProvider, http.User, cancellationToken).ConfigureAwait(false))
            {
                yield return new Result(result, serializer);
            }
        }
    }

    private sealed class Result(ExecutionResult result, IGraphQLSerializer serializer) : IGraphQLResult
    {
        public bool IsRequestError => !result.Executed;

        public Task WriteAsync(Stream body, CancellationToken cancellationToken) => serializer.WriteAsync(body, result, cancellationToken);
    }
}
