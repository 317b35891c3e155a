using System.Collections.Concurrent;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.Testing;

namespace Coursera.Platform.Tests.Security;

/// <summary>
/// The all-in-one platform the matrix runs against, with what the tenant-specific rows need to be about real things: a
/// published course of King's Bridge (with a module, items and sessions), a program, a bulk enrollment job and a webhook
/// endpoint of Acme, an API client of Acme and an account to erase, all made for the matrix alone. Tokens are made once
/// per caller.
/// </summary>
public sealed class AuthorizationMatrixPlatform : PlatformApp
{
    private const string UserScopes = "openid profile email roles";

    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    public static Guid PartnerId { get; } = SampleTenants.Partners[3].Id;

    public static string PartnerSlug { get; } = SampleTenants.Partners[3].Slug;

    public AuthorizationMatrixPlatform()
    {
        // The matrix asks who may do what, hundreds of times a minute from one address; rate limits have tests of their own.
        Settings["RateLimiting:Enabled"] = "false";
    }

    public Guid OrganizationId { get; private set; }

    /// <summary>Ids of things the matrix's tenants own, by the name of the argument or input field that takes them.</summary>
    public IReadOnlyDictionary<string, string> Fixtures { get; private set; } = new Dictionary<string, string>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var path = new LearningPath(this);
        var course = await path.PublishCourseAsync("authorization-matrix");

        var organizationClient = await Oidc().ClientCredentialsAsync(OrganizationClient.ClientId, OrganizationClient.ClientSecret, string.Join(' ', OrganizationClient.Scopes));
        OrganizationId = Guid.Parse(organizationClient.Claims()["organization_id"]!.GetValue<string>());
        var lms = Gateway(organizationClient.Access());
        var programId = Created(await lms.PostAsync(
            "mutation($o: ID!, $c: ID!) { createProgram(input: {organizationId: $o, name: \"Matrix\", courseIds: [$c]}) { program { id } errors { code } } }",
            new { o = OrganizationId, c = course.Id }), "createProgram", "program");
        var jobId = Created(await lms.PostAsync(
            "mutation($p: ID!, $c: String!) { bulkEnroll(input: {programId: $p, idempotencyKey: \"matrix\", rows: [{externalId: \"nobody\", courseId: $c}]}) { job { id } errors { code } } }",
            new { p = programId, c = course.Id }), "bulkEnroll", "job");
        var endpointId = Created(await lms.PostAsync(
            "mutation { createWebhookEndpoint(input: {url: \"https://lms.example/matrix\"}) { endpoint { id } errors { code } } }"), "createWebhookEndpoint", "endpoint");
        var orgAdmin = Gateway(await TokenAsync(MatrixCaller.TenantStaff, AccessRule.TenantAdmin));
        var apiClient = LearningPath.Accepted(await orgAdmin.PostAsync(
            "mutation($t: ID!) { createApiClient(input: {tenantId: $t, name: \"Matrix\", scopes: [\"reports:read\"]}) { apiClient { clientId } errors { code } } }",
            new { t = OrganizationId }))["createApiClient"]!["apiClient"]!["clientId"]!.GetValue<string>();
        var erasable = await NewLearner.CreateAsync(Services);
        var partner = Gateway(await TokenAsync(MatrixCaller.ApiClientWithScope, AccessRule.PartnerStaff("catalog:write")));
        var assetId = LearningPath.Accepted(await partner.PostAsync(
            "mutation($p: ID!) { createUpload(input: {partnerId: $p, title: \"Matrix\", contentType: \"video/mp4\", sizeBytes: 1000}) { upload { asset { id } } errors { code } } }",
            new { p = PartnerId }))["createUpload"]!["upload"]!["asset"]!["id"]!.GetValue<string>();

        Fixtures = new Dictionary<string, string>
        {
            ["partnerId"] = PartnerId.ToString(),
            ["organizationId"] = OrganizationId.ToString(),
            ["courseId"] = course.Id,
            ["courseIds"] = course.Id,
            ["sessionId"] = course.OpenSessionId,
            ["moduleId"] = course.ModuleId,
            ["itemId"] = course.Lecture,
            ["programId"] = programId,
            ["jobId"] = jobId,
            ["endpointId"] = endpointId,
            ["clientId"] = apiClient,
            ["assetId"] = assetId,
            ["erasableUserId"] = erasable.Id.ToString(),
            ["slug"] = "authorization-matrix",
            ["url"] = "https://lms.example/matrix-refused",
            ["role"] = "learner",
            ["code"] = "NOSUCHCODE12",
            ["language"] = "en",
            ["webVtt"] = "WEBVTT\n\n00:00.000 --> 00:01.000\nMatrix\n",
        };
    }

    private DevCredentials.Client OrganizationClient => Credentials.Clients.Single(c => c.TenantSlug == SampleTenants.Organization.Slug);

    /// <summary>The id of the tenant a rule is about.</summary>
    public string TenantId(AccessRule rule) => (rule.Home == Home.Organization ? OrganizationId : PartnerId).ToString();

    /// <summary>An access token of <paramref name="caller"/> for a field of <paramref name="rule"/>; null for anonymous.</summary>
    public async Task<string?> TokenAsync(MatrixCaller caller, AccessRule rule)
    {
        var tenantAdmin = rule.Home == Home.Organization ? "admin@acme.example" : $"admin@{PartnerSlug}.example";
        var staffScopes = $"{UserScopes} {string.Join(' ', ApiScopes.Api)} {ApiScopes.PersonalData}";
        return caller switch
        {
            MatrixCaller.Anonymous => null,
            MatrixCaller.Learner => await UserTokenAsync(LearningPath.LearnerEmail, $"{LearningPath.LearnerScopes} email media:playback {ApiScopes.PersonalData}", SampleTenants.LearnerAppClientId),
            MatrixCaller.LearnerWithoutScope => await UserTokenAsync(LearningPath.LearnerEmail, "openid profile", SampleTenants.LearnerAppClientId),
            MatrixCaller.OtherTenantStaff => await UserTokenAsync($"admin@{SampleTenants.Partners[0].Slug}.example", staffScopes, SampleTenants.PartnerPortalClientId),
            MatrixCaller.TenantStaff => await UserTokenAsync(tenantAdmin, staffScopes, SampleTenants.PartnerPortalClientId),
            MatrixCaller.PlatformAdmin => await UserTokenAsync("admin@coursera.example", staffScopes, SampleTenants.PartnerPortalClientId),
            MatrixCaller.ApiClientWithScope => await ClientTokenAsync(rule, withScope: true),
            MatrixCaller.ApiClientWithoutScope => await ClientTokenAsync(rule, withScope: false),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    private Task<string> UserTokenAsync(string email, string scope, string clientId) =>
        _tokens.GetOrAdd($"{email} {clientId} {scope}", async _ => (await SignInAsync(email, scope, clientId)).Access());

    /// <summary>The tenant's API client with every scope it holds, or with all of them but the rule's (catalog:read alone when the rule names none).</summary>
    private Task<string> ClientTokenAsync(AccessRule rule, bool withScope)
    {
        var client = rule.Home == Home.Organization ? OrganizationClient : PartnerClient(PartnerSlug);
        var scopes = withScope ? client.Scopes : rule.Scope is null ? ["catalog:read"] : client.Scopes.Where(s => s != rule.Scope).ToList();
        var scope = string.Join(' ', scopes);
        return _tokens.GetOrAdd($"{client.ClientId} {scope}", async _ => (await Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret, scope)).Access());
    }

    private static string Created(GraphQLResponse response, string field, string thing) =>
        LearningPath.Accepted(response)[field]![thing]!["id"]!.GetValue<string>();
}
