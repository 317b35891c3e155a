using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.Exceptions;

namespace Coursera.Subgraphs.Errors;

/// <summary>
/// Shapes every error that leaves a service: one <c>extensions.code</c> from <see cref="ErrorCodes"/>, no stack
/// traces or exception details, and no "Did you mean" hints unless suggestions are exposed.
/// </summary>
public sealed partial class PublicErrorInfoProvider(bool exposeSuggestions) : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        var code = CodeOf(executionError);
        var message = code == ErrorCodes.Internal ? "Internal server error." : executionError.Message;
        if (!exposeSuggestions)
        {
            message = Suggestion().Replace(message, string.Empty);
        }

        return new ErrorInfo
        {
            Message = message,
            Extensions = new Dictionary<string, object?> { ["code"] = code },
        };
    }

    private static string CodeOf(ExecutionError error) => error switch
    {
        SyntaxError => ErrorCodes.ParseFailed,
        InvalidVariableError => ErrorCodes.BadUserInput,
        ValidationError => ErrorCodes.ValidationFailed,
        // The request cannot run as sent, e.g. an operationName the document lacks: the client's fault, not ours.
        DocumentError or RequestError => ErrorCodes.BadRequest,
        UnhandledError { InnerException: OperationCanceledException } => ErrorCodes.Timeout,
        // Any parser refusal, including a document nested beyond the parser's maximum depth, not only syntax errors.
        UnhandledError { InnerException: GraphQLParserException } => ErrorCodes.ParseFailed,
        UnhandledError => ErrorCodes.Internal,
        _ when error.Code is ErrorCodes.Unauthenticated or ErrorCodes.Forbidden or ErrorCodes.BadUserInput
            or ErrorCodes.NotFound or ErrorCodes.BadRequest or ErrorCodes.Timeout => error.Code,
        // An ExecutionError a resolver threw on purpose, with a code of its own and no exception inside, is meant for
        // the client (GraphQL.NET derives codes only from inner exceptions, which stay hidden below).
        _ when error.InnerException is null && !string.IsNullOrEmpty(error.Code) => error.Code,
        // Argument coercion failures during execution are the client's fault, not ours.
        _ when error.InnerException is ArgumentException or FormatException or InvalidOperationException { Source: "GraphQL" }
            => ErrorCodes.BadUserInput,
        _ => ErrorCodes.Internal,
    };

    [GeneratedRegex(@"\s*Did you mean[^?]*\?", RegexOptions.CultureInvariant)]
    private static partial Regex Suggestion();
}
