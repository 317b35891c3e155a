using Microsoft.AspNetCore.Mvc;

namespace Coursera.Gateway.Rest.Conventions;

/// <summary>Turns a <see cref="RestProblemException"/> thrown by an endpoint into its problem details response.</summary>
public sealed class RestProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (RestProblemException problem)
        {
            if (problem.Status == StatusCodes.Status401Unauthorized)
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            }

            var details = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail };
            details.Extensions["code"] = problem.Code;
            if (problem.Errors is { } errors)
            {
                details.Extensions["errors"] = errors;
            }

            return Results.Problem(details);
        }
    }
}
