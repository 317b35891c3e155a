using Microsoft.AspNetCore.Mvc;

namespace Coursera.Gateway.Rest.Conventions;

/// <summary>Problem details written by middleware, outside an endpoint, in the same shape as <see cref="RestProblemFilter"/>'s.</summary>
public static class Problems
{
    public static Task WriteAsync(HttpContext http, int status, string code, string title, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail };
        details.Extensions["code"] = code;
        return Results.Problem(details).ExecuteAsync(http);
    }
}
