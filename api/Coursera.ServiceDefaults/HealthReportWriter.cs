using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coursera.ServiceDefaults;

/// <summary>
/// Readiness as JSON, so an operator sees which dependency is down, and why, without reading logs: each check's status,
/// its description (a stalled consumer's group, the subgraphs that do not compose) or else its exception's message.
/// Only operators read it: /health/ready answers on the management port alone, or in Development.
/// </summary>
internal static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description ?? e.Value.Exception?.Message,
                    durationMs = e.Value.Duration.TotalMilliseconds,
                }),
        }, Json, context.RequestAborted);
    }
}
