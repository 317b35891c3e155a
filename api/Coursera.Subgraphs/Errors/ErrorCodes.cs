namespace Coursera.Subgraphs.Errors;

/// <summary>The values of <c>extensions.code</c> that clients can rely on (docs/architecture.md, GraphQL conventions).</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";
    public const string Internal = "INTERNAL";
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadRequest = "BAD_REQUEST";
    public const string Timeout = "TIMEOUT";

    /// <summary>A graphql-transport-ws connection already runs as many operations as it may.</summary>
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";
}
