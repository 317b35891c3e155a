using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>
/// The 429 a refused request gets, in the shape its endpoint speaks: a GraphQL error with <c>extensions.code</c>
/// <see cref="Code"/> at <c>/graphql</c>, a readable page on the account pages, problem details elsewhere (<c>/v1</c>,
/// the token endpoint). The <c>Retry-After</c> and <c>RateLimit</c> headers are already on the response.
/// </summary>
public static class RateLimitRejection
{
    public const string Code = "RATE_LIMITED";

    internal static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var status = context.Lease.TryGetMetadata(RateLimitStatus.MetadataName, out var metadata) ? metadata as RateLimitStatus : null;
        var seconds = (long)(status?.RetryAfter.TotalSeconds ?? 60);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Too many requests{(status is null ? "" : $" ({status.Quota.Name}: {status.Quota.Limit} per {(long)status.Quota.Window.TotalSeconds} s)")}; try again in {seconds} s.");
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (http.Request.Path.StartsWithSegments("/graphql"))
        {
            var body = new JsonObject
            {
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = message,
                    ["extensions"] = new JsonObject { ["code"] = Code, ["retryAfter"] = seconds },
                }),
            };
            await Results.Json(body, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
        }
        else if (http.Request.Path.StartsWithSegments("/account"))
        {
            // Static text only: nothing from the request is echoed into the page.
            var page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts</title></head><body>"
                + "<h1>Too many attempts</h1><p>" + WebUtility.HtmlEncode(
                    string.Create(CultureInfo.InvariantCulture, $"Too many attempts from here. Please wait {seconds} seconds and try again."))
                + "</p></body></html>";
            await Results.Content(page, "text/html; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
        }
        else
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: message,
                extensions: new Dictionary<string, object?> { ["code"] = Code }).ExecuteAsync(http);
        }

        _ = cancellationToken;
    }
}
