using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>Stripe's error shape: <c>{"error": {"type", "code", "message", "param"}}</c> with its HTTP status.</summary>
public static class StripeError
{
    public static IResult Invalid(string message, string? param = null, string code = "parameter_missing") =>
        Result(400, "invalid_request_error", code, message, param);

    public static IResult NotFound(string id, string param = "id") =>
        Result(404, "invalid_request_error", "resource_missing", $"No such object: '{id}'", param);

    /// <summary>A request Stripe refuses in the object's present state, with no <c>code</c> (as Stripe sends those).</summary>
    public static IResult Refused(string message, string? param = null) => Result(400, "invalid_request_error", null, message, param);

    /// <summary>A card that does not pay (<c>card_error</c>, HTTP 402), with Stripe's <c>decline_code</c>.</summary>
    public static IResult CardDeclined(string message, string declineCode) =>
        Results.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = declineCode, ["message"] = message, ["param"] = null,
            },
        }, statusCode: 402);

    public static IResult Result(int status, string type, string? code, string message, string? param) =>
        Results.Json(new JsonObject
        {
            ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param },
        }, statusCode: status);
}
