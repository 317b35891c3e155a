using System.ComponentModel;
using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;

namespace Coursera.Gateway.Rest.WebhookEndpoints;

/// <summary>The caller's tenant's webhook endpoints: for API clients with webhooks:manage and the tenant's administrators.</summary>
public static class WebhookEndpointRoutes
{
    private const int MaxAttempts = 100;

    private const string TenantParameter = "The tenant whose endpoints: needed by a user (an administrator); an API client's own tenant when left out.";

    public static void MapWebhookEndpoints(this RouteGroupBuilder v1)
    {
        var endpoints = v1.MapGroup("/webhook-endpoints").WithTags("WebhookEndpoints");
        endpoints.MapGet("/", ListAsync).WithName("listWebhookEndpoints").WithSummary("Lists your webhook endpoints")
            .Produces<Page<WebhookEndpoint>>();
        endpoints.MapPost("/", CreateAsync).WithName("createWebhookEndpoint").WithSummary("Registers an endpoint")
            .WithDescription("The response holds its signing secret, shown only this once.")
            .Produces<WebhookEndpointWithSecret>(StatusCodes.Status201Created);
        endpoints.MapGet("/{endpointId:guid}", GetAsync).WithName("getWebhookEndpoint").WithSummary("Gets an endpoint")
            .Produces<WebhookEndpoint>();
        endpoints.MapPatch("/{endpointId:guid}", UpdateAsync).WithName("updateWebhookEndpoint").WithSummary("Changes an endpoint")
            .Produces<WebhookEndpoint>();
        endpoints.MapDelete("/{endpointId:guid}", DeleteAsync).WithName("deleteWebhookEndpoint").WithSummary("Deletes an endpoint")
            .Produces(StatusCodes.Status204NoContent);
        endpoints.MapPost("/{endpointId:guid}/rotate-secret", RotateAsync).WithName("rotateWebhookSecret")
            .WithSummary("Replaces the signing secret").WithDescription("The old secret keeps signing beside the new one for a day, so receivers can switch.")
            .Produces<WebhookEndpointWithSecret>();
        endpoints.MapPost("/{endpointId:guid}/replay", ReplayAsync).WithName("replayWebhookMessages")
            .WithSummary("Sends one message, or every message since a time, again").Produces<WebhookEndpoint>(StatusCodes.Status202Accepted);
        endpoints.MapPost("/{endpointId:guid}/test", TestAsync).WithName("sendTestWebhook")
            .WithSummary("Sends a webhook.test event").Produces<WebhookEndpoint>(StatusCodes.Status202Accepted);
        endpoints.MapGet("/{endpointId:guid}/attempts", ListAttemptsAsync).WithName("listWebhookAttempts")
            .WithSummary("Lists an endpoint's latest delivery attempts, newest first").Produces<Page<WebhookAttempt>>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, RestOperations operations, [Description(TenantParameter)] Guid? tenantId) =>
        RestResults.Page(http, await AllAsync(http, operations, tenantId), nextCursor: null);

    private static async Task<IResult> GetAsync(HttpContext http, RestOperations operations, Guid endpointId,
        [Description(TenantParameter)] Guid? tenantId) =>
        RestResults.Read(http, (await AllAsync(http, operations, tenantId)).SingleOrDefault(e => e.Id == endpointId)
            ?? throw RestProblemException.NotFound("The webhook endpoint"));

    private static async Task<IResult> CreateAsync(HttpContext http, RestOperations operations, CreateWebhookEndpointRequest request)
    {
        var payload = await operations.MutateAsync(http, GraphQLOperation.Named("CreateWebhookEndpoint"),
            new JsonObject { ["input"] = RestOperations.Variables(request) }, "createWebhookEndpoint");
        var created = WithSecret(payload);
        return Results.Created($"{RestApi.Prefix}/webhook-endpoints/{created.Endpoint.Id}", created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, RestOperations operations, Guid endpointId, UpdateWebhookEndpointRequest request)
    {
        var input = RestOperations.Variables(request);
        input["endpointId"] = endpointId.ToString();
        var payload = await operations.MutateAsync(http, GraphQLOperation.Named("UpdateWebhookEndpoint"), new JsonObject { ["input"] = input },
            "updateWebhookEndpoint");
        return Results.Ok(RestOperations.Read<WebhookEndpoint>(payload["endpoint"]!));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, RestOperations operations, Guid endpointId)
    {
        await operations.MutateAsync(http, GraphQLOperation.Named("DeleteWebhookEndpoint"), Input(endpointId), "deleteWebhookEndpoint");
        return Results.NoContent();
    }

    private static async Task<IResult> RotateAsync(HttpContext http, RestOperations operations, Guid endpointId) =>
        Results.Ok(WithSecret(await operations.MutateAsync(http, GraphQLOperation.Named("RotateWebhookSecret"), Input(endpointId),
            "rotateWebhookSecret")));

    private static async Task<IResult> ReplayAsync(HttpContext http, RestOperations operations, Guid endpointId,
        ReplayWebhookMessagesRequest request)
    {
        var input = RestOperations.Variables(request);
        input["endpointId"] = endpointId.ToString();
        var payload = await operations.MutateAsync(http, GraphQLOperation.Named("ReplayWebhookMessages"), new JsonObject { ["input"] = input },
            "replayWebhookMessages");
        return Results.Accepted(value: RestOperations.Read<WebhookEndpoint>(payload["endpoint"]!));
    }

    private static async Task<IResult> TestAsync(HttpContext http, RestOperations operations, Guid endpointId)
    {
        var payload = await operations.MutateAsync(http, GraphQLOperation.Named("SendTestWebhook"), Input(endpointId), "sendTestWebhook");
        return Results.Accepted(value: RestOperations.Read<WebhookEndpoint>(payload["endpoint"]!));
    }

    private static async Task<IResult> ListAttemptsAsync(HttpContext http, RestOperations operations, Guid endpointId,
        [Description(TenantParameter)] Guid? tenantId,
        [Description("Attempts to list, 1 to 100; 50 by default.")] int? limit)
    {
        var data = await operations.RunAsync(http, GraphQLOperation.Named("ListWebhookAttempts"),
            RestOperations.Variables(new { tenantId, first = PageLimit.Of(limit, MaxAttempts) }));
        var endpoint = data["webhookEndpoints"]!.AsArray().FirstOrDefault(e => e!["id"]!.GetValue<string>() == endpointId.ToString())
            ?? throw RestProblemException.NotFound("The webhook endpoint");
        return RestResults.Page(http, RestOperations.Read<List<WebhookAttempt>>(endpoint["recentAttempts"]!), nextCursor: null);
    }

    private static async Task<List<WebhookEndpoint>> AllAsync(HttpContext http, RestOperations operations, Guid? tenantId) =>
        RestOperations.Read<List<WebhookEndpoint>>((await operations.RunAsync(http, GraphQLOperation.Named("ListWebhookEndpoints"),
            RestOperations.Variables(new { tenantId })))["webhookEndpoints"]!);

    private static JsonObject Input(Guid endpointId) => new() { ["input"] = new JsonObject { ["endpointId"] = endpointId.ToString() } };

    private static WebhookEndpointWithSecret WithSecret(JsonObject payload) =>
        new(RestOperations.Read<WebhookEndpoint>(payload["endpoint"]!), payload["secret"]!.GetValue<string>());
}
