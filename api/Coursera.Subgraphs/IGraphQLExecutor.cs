using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;

namespace Coursera.Subgraphs;

/// <summary>
/// What a GraphQL-over-HTTP endpoint runs: a subgraph's schema, or the federation gateway. The transport rules
/// (methods, media types, status codes, limits) are the same for both.
/// </summary>
public interface IGraphQLExecutor
{
    GraphQLEndpointOptions Options { get; }

    /// <param name="document">The parsed document when the transport could parse it, so it is not parsed twice.</param>
    Task<IGraphQLResult> ExecuteAsync(GraphQLRequest request, GraphQLDocument? document, HttpContext http);
}

/// <summary>A GraphQL response ready to be written.</summary>
public interface IGraphQLResult
{
    /// <summary>Nothing was executed (parse, validation or variable errors): a 400 under <c>application/graphql-response+json</c>.</summary>
    bool IsRequestError { get; }

    Task WriteAsync(Stream body, CancellationToken cancellationToken);
}
