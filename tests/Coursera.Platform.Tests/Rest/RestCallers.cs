using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coursera.Identity.Data;

namespace Coursera.Platform.Tests.Rest;

/// <summary>The callers of REST v1 the tests speak as, each an HttpClient carrying its own token.</summary>
public sealed class RestCallers(PlatformApp platform)
{
    public const string OrganizationClientId = "org-acme-corp";

    public HttpClient Anonymous() => platform.CreateClient();

    /// <summary>The seeded organization's LMS (client credentials, every organization scope).</summary>
    public async Task<HttpClient> OrganizationClientAsync(string? scope = null)
    {
        var client = platform.Credentials.Clients.Single(c => c.ClientId == OrganizationClientId);
        return With((await platform.Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret, scope)).Access());
    }

    /// <summary>A partner's API client: another tenant than the organization.</summary>
    public async Task<HttpClient> PartnerClientAsync()
    {
        var client = platform.PartnerClient("northfield");
        return With((await platform.Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret)).Access());
    }

    /// <summary>The organization's administrator, signed in through the partner portal with the scopes an LMS's client holds.</summary>
    public async Task<HttpClient> OrganizationAdminAsync() =>
        With((await platform.SignInAsync("admin@acme.example", "openid profile roles enrollments:write reports:read webhooks:manage billing:read")).Access());

    /// <summary>A public course of the sample catalog: programs are made of them.</summary>
    public async Task<string> PublicCourseIdAsync() =>
        (await Anonymous().GetFromJsonAsync<JsonObject>("/v1/courses?limit=1"))!["data"]![0]!["id"]!.GetValue<string>();

    public async Task<HttpClient> LearnerAsync() =>
        With((await platform.SignInAsync(LearningPath.LearnerEmail, LearningPath.LearnerScopes, SampleTenants.LearnerAppClientId)).Access());

    public async Task<Guid> OrganizationIdAsync()
    {
        var me = await (await OrganizationClientAsync()).GetFromJsonAsync<JsonObject>("/v1/me");
        return Guid.Parse(me!["organizationIds"]![0]!.GetValue<string>());
    }

    private HttpClient With(string token)
    {
        var http = platform.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
