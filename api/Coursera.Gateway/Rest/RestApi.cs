using Coursera.Gateway.Rest.Certificates;
using Coursera.Gateway.Rest.Conventions;
using Coursera.Gateway.Rest.Courses;
using Coursera.Gateway.Rest.Enrollments;
using Coursera.Gateway.Rest.Grades;
using Coursera.Gateway.Rest.Idempotency;
using Coursera.Gateway.Rest.LearningRecords;
using Coursera.Gateway.Rest.Licences;
using Coursera.Gateway.Rest.Me;
using Coursera.Gateway.Rest.Programs;
using Coursera.Gateway.Rest.WebhookEndpoints;
using System.Text.Json.Serialization;
using Coursera.Subgraphs.Errors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

namespace Coursera.Gateway.Rest;

/// <summary>
/// REST v1 (<c>/v1/…</c>), the integration API of LMSs and integrators: each endpoint runs a fixed GraphQL operation
/// through the gateway (<see cref="RestOperations"/>). Its OpenAPI 3.1 document is served at <c>/openapi/v1.json</c>,
/// written at build time to <c>sdk/openapi/coursera-v1.json</c>, and shown by Scalar at <c>/docs</c> in Development.
/// </summary>
public static class RestApi
{
    public const string Prefix = "/v1";
    public const string DocumentName = "v1";

    internal static IHostApplicationBuilder AddRestApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RestOptions>().Bind(builder.Configuration.GetSection(RestOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RestOperations>();
        builder.Services.AddSingleton<IdempotentRequests>();
        // Numbers are numbers: the web default also reads them from strings, which the OpenAPI document would then
        // have to allow (type [integer, string]) and every generated client to accept.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddOpenApi(DocumentName, RestDocument.Configure);
        return builder;
    }

    internal static WebApplication MapRestApi(this WebApplication app)
    {
        // Idempotency and problem details for what never reaches an endpoint (an unknown path, a parameter that does not
        // bind) hold for /v1 alone; the GraphQL endpoint keeps its own error rules.
        var idempotency = app.Services.GetRequiredService<IdempotentRequests>();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Prefix), branch =>
        {
            branch.UseStatusCodePages(async status =>
            {
                var http = status.HttpContext;
                await Problems.WriteAsync(http, http.Response.StatusCode, StatusCode(http.Response.StatusCode),
                    ReasonPhrases(http.Response.StatusCode));
            });
            branch.Use(next => async http =>
            {
                try
                {
                    await next(http);
                }
                catch (BadHttpRequestException bad) when (!http.Response.HasStarted)
                {
                    // A parameter or body that does not bind: thrown in Development (a 400 without a body elsewhere,
                    // which the status-code page above answers); either way the client learns what was wrong.
                    await Problems.WriteAsync(http, bad.StatusCode, StatusCode(bad.StatusCode), ReasonPhrases(bad.StatusCode), bad.Message);
                }
            });
            branch.Use(next => http => idempotency.InvokeAsync(http, next));
        });

        var v1 = app.MapGroup(Prefix).AddEndpointFilter<RestProblemFilter>().WithGroupName(DocumentName);
        v1.MapMe();
        v1.MapCourses();
        v1.MapPrograms();
        v1.MapEnrollments();
        v1.MapLearningRecords();
        v1.MapGrades();
        v1.MapCertificates();
        v1.MapLicences();
        v1.MapWebhookEndpoints();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference("/docs", o => o.WithTitle("Coursera API v1").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
                .AllowAnonymous();
        }

        return app;
    }

    private static string StatusCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.BadRequest,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => "METHOD_NOT_ALLOWED",
        StatusCodes.Status413PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        _ => ErrorCodes.Internal,
    };

    private static string ReasonPhrases(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid: check its parameters and body against the API reference.",
        StatusCodes.Status404NotFound => "No endpoint of API v1 has this path.",
        StatusCodes.Status405MethodNotAllowed => "This path does not accept this method.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };
}
