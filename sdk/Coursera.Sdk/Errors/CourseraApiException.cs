using System.Net;
using System.Text.Json;

namespace Coursera.Sdk;

/// <summary>
/// What every call of the SDK throws when the platform refuses or fails a request. The generated part holds the
/// status (<see cref="StatusCode"/>), the raw body (<see cref="Response"/>) and the headers (<see cref="Headers"/>);
/// this part reads the RFC 9457 problem details of the body: a stable <see cref="Code"/> to branch on, a
/// <see cref="Title"/> and <see cref="Detail"/> for people, and the <see cref="Errors"/> of each input at fault. The
/// token endpoint's OAuth 2.0 errors (<c>invalid_client</c>, ...) are read into the same properties.
/// </summary>
/// <example>
/// <code>
/// catch (CourseraApiException e) when (e.Code == "NOT_FOUND") { ... }
/// </code>
/// </example>
public partial class CourseraApiException
{
    private ProblemBody? _problem;

    /// <summary>The response's HTTP status.</summary>
    public HttpStatusCode Status => (HttpStatusCode)StatusCode;

    /// <summary>
    /// The stable, machine-readable reason, e.g. <c>UNAUTHENTICATED</c>, <c>FORBIDDEN</c>, <c>NOT_FOUND</c>,
    /// <c>IDEMPOTENCY_KEY_REUSED</c>, or a rule's code such as <c>EMAIL_INVALID</c>; null when the body has none.
    /// </summary>
    public string? Code => Problem.Code;

    /// <summary>What went wrong, for a person.</summary>
    public string? Title => Problem.Title;

    /// <summary>More about this occurrence, when the platform says more.</summary>
    public string? Detail => Problem.Detail;

    /// <summary>The platform's trace id of the request, to quote to support.</summary>
    public string? TraceId => Problem.TraceId;

    /// <summary>Each input at fault (422), in the order the platform found them; empty otherwise.</summary>
    public IReadOnlyList<ProblemError> Errors => Problem.Errors;

    private ProblemBody Problem => _problem ??= ProblemBody.Parse(Response);

    /// <summary>The parts of a problem details (or OAuth 2.0 error) body; all empty when the body is not one.</summary>
    private sealed record ProblemBody(string? Code, string? Title, string? Detail, string? TraceId, IReadOnlyList<ProblemError> Errors)
    {
        private static readonly ProblemBody None = new(null, null, null, null, []);

        public static ProblemBody Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return None;
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return None;
                }

                return new ProblemBody(
                    JsonProperties.String(root, "code") ?? JsonProperties.String(root, "error"),
                    JsonProperties.String(root, "title") ?? JsonProperties.String(root, "error_description"),
                    JsonProperties.String(root, "detail"),
                    JsonProperties.String(root, "traceId"),
                    root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                        ? [.. errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(ProblemError.From)]
                        : []);
            }
            catch (JsonException)
            {
                // A proxy's HTML error page, say: the raw body stays in Response.
                return None;
            }
        }
    }
}
