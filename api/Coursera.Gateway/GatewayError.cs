using System.Text.Json.Nodes;

namespace Coursera.Gateway;

/// <summary>A request the gateway refuses before running it: one GraphQL error with a code, and no <c>data</c> (a request error).</summary>
internal sealed record GatewayError(string Code, string Message)
{
    public JsonObject ToResponse() => new()
    {
        ["errors"] = new JsonArray(new JsonObject { ["message"] = Message, ["extensions"] = new JsonObject { ["code"] = Code } }),
    };
}
