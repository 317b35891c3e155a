using System.Text.Json.Nodes;
using Coursera.Subgraphs.Errors;

namespace Coursera.Gateway.Rest.Conventions;

/// <summary>
/// A refusal that reaches the client as RFC 9457 problem details with a stable <c>code</c>: thrown by REST endpoints
/// and turned into the response by <see cref="RestProblemFilter"/>.
/// </summary>
public sealed class RestProblemException(int status, string code, string title, string? detail = null) : Exception(title)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>The typed user errors of a mutation payload, each with its code, message and input path.</summary>
    public JsonArray? Errors { get; init; }

    public static RestProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.",
        "It does not exist, or you may not see it.");

    public static RestProblemException BadRequest(string code, string title) => new(StatusCodes.Status400BadRequest, code, title);

    /// <summary>
    /// The first error of a GraphQL response, mapped onto the HTTP status a REST client expects. A validation error of
    /// our own fixed operation is our bug, not the client's, and says so as a 500.
    /// </summary>
    public static RestProblemException FromGraphQL(JsonArray errors)
    {
        var first = errors[0];
        var message = first?["message"]?.GetValue<string>() ?? "The request failed.";
        var code = first?["extensions"]?["code"]?.GetValue<string>() ?? ErrorCodes.Internal;
        var status = code switch
        {
            ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
            ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCodes.NotFound => StatusCodes.Status404NotFound,
            ErrorCodes.BadUserInput or ErrorCodes.BadRequest => StatusCodes.Status400BadRequest,
            ErrorCodes.Timeout => StatusCodes.Status504GatewayTimeout,
            "RATE_LIMITED" => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status500InternalServerError,
        };
        return status == StatusCodes.Status500InternalServerError
            ? new RestProblemException(status, ErrorCodes.Internal, "The platform could not answer this request.", message)
            : new RestProblemException(status, code, message);
    }

    /// <summary>
    /// A mutation's typed user errors (<c>errors: [UserError!]!</c>) as a 422 whose code is the first error's; but when
    /// the input not found is one the URL names (<c>/programs/{programId}</c>: input <c>programId</c>), the resource
    /// the client addressed does not exist for it, which REST says with a 404.
    /// </summary>
    public static RestProblemException FromUserErrors(JsonArray errors, IEnumerable<string> routeValues)
    {
        var first = errors[0]!;
        var code = first["code"]!.GetValue<string>();
        var path = first["path"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
        var addressed = code.EndsWith(ErrorCodes.NotFound, StringComparison.Ordinal) && path is ["input", var input] && routeValues.Contains(input);
        return new RestProblemException(addressed ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity, code,
            first["message"]!.GetValue<string>())
        {
            Errors = errors.DeepClone().AsArray(),
        };
    }
}
