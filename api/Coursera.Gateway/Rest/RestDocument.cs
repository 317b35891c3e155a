using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coursera.Gateway.Rest;

/// <summary>
/// What the OpenAPI document says beyond the endpoints themselves: the API's description, OAuth 2.0 client credentials
/// with the scopes the GraphQL API uses, the problem details every operation may answer with, and the headers of the
/// conventions, which the description explains once rather than as parameters of every operation, so generated
/// clients keep them in one handler instead of in every method.
/// </summary>
public static class RestDocument
{
    public const string SecurityScheme = "oauth2";
    private const string Problem = "Problem";
    private const string UserError = "UserError";

    public static readonly IReadOnlyDictionary<string, string> Scopes = new Dictionary<string, string>
    {
        ["catalog:read"] = "Read courses, including the partner's own drafts.",
        ["catalog:write"] = "Create and publish the partner's courses.",
        ["learners:read"] = "Read the organization's learners.",
        ["enrollments:write"] = "Manage the organization's programs, members and enrollments.",
        ["reports:read"] = "Read progress, grades, completions and the learning-records feed.",
        ["webhooks:manage"] = "Manage webhook endpoints.",
        ["billing:read"] = "Read licences, seats and revenue.",
    };

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        options.ShouldInclude = endpoint => endpoint.GroupName == RestApi.DocumentName;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Coursera integration API",
                Version = "v1",
                Description = """
                    REST for learning systems and integrators. Every endpoint runs a fixed GraphQL operation of the public
                    GraphQL API (`/graphql`), with the same authorization.

                    * **Authentication**: OAuth 2.0 client credentials at `/connect/token`; send `Authorization: Bearer …`.
                    * **Lists**: cursor paging with `limit` and `cursor`; the next page is in `next` and `nextCursor` of the
                      body and in a `Link: <…>; rel="next"` header.
                    * **Errors**: RFC 9457 problem details (`application/problem+json`) with a stable `code`.
                    * **Retries**: send an `Idempotency-Key` with every POST; the same key within 24 hours returns the
                      first answer (header `Idempotent-Replayed: true`), and with another body is refused.
                    * **Caching**: reads carry an `ETag`; send it back in `If-None-Match` to get `304 Not Modified`.
                    * **Versions**: the version is in the path. Changes within v1 only add; an endpoint to be removed
                      first answers with `Deprecation` and `Sunset` headers (RFC 9745, RFC 8594) for at least six months.
                    """,
            };
            // Relative to wherever the API is served, so the checked-in document is the same on every host.
            document.Servers = null;
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Client credentials of an API client (tenant administrators create them).",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = Scopes.ToDictionary(),
                    },
                },
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[UserError] = UserErrorSchema();
            document.Components.Schemas[Problem] = ProblemSchema(document);
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer(RestExamples.ApplyAsync);
        options.AddOperationTransformer((operation, context, _) =>
        {
            var method = context.Description.HttpMethod;
            var document = context.Document;
            operation.Responses ??= [];
            if (method == "POST")
            {
                AddProblem(operation, document, "409", "A request with the same Idempotency-Key is still running.");
                AddProblem(operation, document, "422", "Refused: the `code` says why (`errors` lists each input at fault).");
            }
            else if (method == "GET")
            {
                operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: the copy whose ETag was sent in If-None-Match is current." };
            }

            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DeprecationNotice>().FirstOrDefault() is { } notice)
            {
                operation.Deprecated = true;
                operation.Description = $"{operation.Description}\n\nDeprecated since {notice.Since:yyyy-MM-dd}; removed on {notice.Sunset:yyyy-MM-dd}: use {notice.Successor}.".Trim();
            }

            AddProblem(operation, document, "400", "The request is not valid.");
            AddProblem(operation, document, "401", "No valid access token.");
            AddProblem(operation, document, "403", "The token may not do this.");
            AddProblem(operation, document, "404", "Not found, or not visible to the caller.");
            return Task.CompletedTask;
        });
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument? document, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
            },
        };
    }

    private static OpenApiSchema ProblemSchema(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details.",
        Examples =
        [
            new JsonObject
            {
                ["type"] = "https://tools.ietf.org/html/rfc4918#section-11.2",
                ["title"] = "Give the program a name of at most 200 characters.",
                ["status"] = 422,
                ["code"] = "INVALID_NAME",
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["code"] = "INVALID_NAME",
                    ["message"] = "Give the program a name of at most 200 characters.",
                    ["path"] = new JsonArray("input", "name"),
                }),
                ["traceId"] = "00-2bb6a2b17b327de6a3b5666fb5558855-a1d60055246981f1-00",
            },
        ],
        Required = new HashSet<string> { "status", "title", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, for a person." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable and machine-readable, e.g. UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_LIMIT, IDEMPOTENCY_KEY_REUSED, or a user error's code such as EMAIL_INVALID.",
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array | JsonSchemaType.Null,
                Description = "Each input at fault (422): its code, message and path.",
                Items = new OpenApiSchemaReference(UserError, document),
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    private static OpenApiSchema UserErrorSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "One input at fault.",
        Required = new HashSet<string> { "code", "message", "path" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable and machine-readable, e.g. INVALID_NAME." },
            ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["path"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Where in the request, e.g. [\"input\", \"name\"].",
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        },
    };
}
