using GraphQL;

namespace Coursera.Subgraphs.Errors;

/// <summary>Errors a resolver throws; each carries the <c>extensions.code</c> a client can branch on.</summary>
public static class GraphQLErrors
{
    public static ExecutionError BadUserInput(string message) => new(message) { Code = ErrorCodes.BadUserInput };

    public static ExecutionError NotFound(string message) => new(message) { Code = ErrorCodes.NotFound };

    public static ExecutionError Forbidden(string message) => new(message) { Code = ErrorCodes.Forbidden };

    public static ExecutionError Unauthenticated(string message) => new(message) { Code = ErrorCodes.Unauthenticated };
}
