using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coursera.ServiceDefaults.Hosting;

/// <summary>
/// Answers a form post that cannot be read (ASP.NET refuses NUL characters and malformed encodings; too big a form)
/// with a 400 or 413 problem before anything reads it. Otherwise the first reader, the OpenID Connect validation
/// looking for a token in the form or the sign-in page, throws, and the client sees a 500 for its own mistake.
/// </summary>
internal static class UnreadableFormRefusal
{
    internal static void UseUnreadableFormRefusal(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
        {
            int? refusal = null;
            try
            {
                await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                refusal = StatusCodes.Status400BadRequest;
            }
            catch (BadHttpRequestException e)
            {
                refusal = e.StatusCode;
            }

            if (refusal is { } status)
            {
                await Results.Problem(statusCode: status, title: "The form cannot be read.",
                    extensions: new Dictionary<string, object?> { ["code"] = "BAD_REQUEST" }).ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    });
}
