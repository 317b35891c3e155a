using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Testing;

namespace Coursera.Identity.Tests;

/// <summary>Tenant administrators manage people and API clients of their own tenant only, through our own applications.</summary>
public sealed class AdministrationTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string CreateClient = """
        mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiClient { clientId scopes tenant { slug } } clientSecret errors { code path } } }
        """;

    private static string Lakeside => SampleTenants.Partners[1].Id.ToString();

    private static string Northfield => SampleTenants.Partners[0].Id.ToString();

    [Fact]
    public async Task A_partner_administrator_creates_rotates_and_revokes_an_api_client_whose_secret_is_shown_once()
    {
        var admin = await AsAsync("admin@lakeside-tech.example");
        var created = (await admin.PostAsync(CreateClient, new { input = new { tenantId = Lakeside, name = "LMS sync", scopes = new[] { "catalog:read", "learners:read" } } }))
            .Ok()["createApiClient"]!;
        var clientId = created["apiClient"]!["clientId"]!.GetValue<string>();
        var secret = created["clientSecret"]!.GetValue<string>();
        Assert.Equal("lakeside-tech", created["apiClient"]!["tenant"]!["slug"]!.GetValue<string>());

        var token = await platform.Oidc().ClientCredentialsAsync(clientId, secret);
        Assert.Equal("catalog:read learners:read", token.Claims()["scope"]!.GetValue<string>());

        // The secret is never readable again, only replaced.
        var listed = (await admin.PostAsync($"{{ tenant(id: \"{Lakeside}\") {{ apiClients {{ clientId scopes }} }} }}")).Ok().ToJsonString();
        Assert.Contains(clientId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);

        var rotated = (await admin.PostAsync("mutation($id: String!) { rotateApiClientSecret(input: {clientId: $id}) { clientSecret errors { code } } }",
            new { id = clientId })).Ok()["rotateApiClientSecret"]!["clientSecret"]!.GetValue<string>();
        Assert.Equal("invalid_client", (await platform.Oidc().ClientCredentialsAsync(clientId, secret)).Error);
        var fresh = (await platform.Oidc().ClientCredentialsAsync(clientId, rotated)).Access();

        (await admin.PostAsync("mutation($id: String!) { revokeApiClient(input: {clientId: $id}) { apiClient { revokedAt } errors { code } } }",
            new { id = clientId })).Ok();
        Assert.NotNull((await platform.Oidc().ClientCredentialsAsync(clientId, rotated)).Error);
        var introspector = platform.PartnerClient("lakeside-tech");
        using (var http = platform.CreateClient())
        {
            using var introspection = await http.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = fresh, ["client_id"] = introspector.ClientId, ["client_secret"] = introspector.ClientSecret,
            }));
            Assert.False(JsonNode.Parse(await introspection.Content.ReadAsStringAsync())!["active"]!.GetValue<bool>());
        }

        var log = (await AsAsync("admin@coursera.example")).PostAsync($"{{ auditLog(first: 100, tenantId: \"{Lakeside}\") {{ nodes {{ type detail }} }} }}");
        var types = (await log).Ok()["auditLog"]!["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("api_client.created", types);
        Assert.Contains("api_client.secret_rotated", types);
        Assert.Contains("api_client.revoked", types);
    }

    [Fact]
    public async Task Scopes_outside_the_tenants_kind_are_refused_and_nothing_is_created()
    {
        var admin = await AsAsync("admin@lakeside-tech.example");
        var refused = (await admin.PostAsync(CreateClient, new { input = new { tenantId = Lakeside, name = "Greedy", scopes = new[] { "catalog:read", "enrollments:write" } } }))
            .Ok()["createApiClient"]!;
        Assert.Null(refused["apiClient"]);
        Assert.Null(refused["clientSecret"]);
        Assert.Equal("INVALID_SCOPES", refused["errors"]![0]!["code"]!.GetValue<string>());
        var clients = (await admin.PostAsync($"{{ tenant(id: \"{Lakeside}\") {{ apiClients {{ name }} }} }}")).Ok().ToJsonString();
        Assert.DoesNotContain("Greedy", clients, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_cannot_manage_another_tenant_and_an_api_client_cannot_manage_at_all()
    {
        var northfieldAdmin = await AsAsync("admin@northfield.example");
        var response = await northfieldAdmin.PostAsync(CreateClient, new { input = new { tenantId = Lakeside, name = "Intruder", scopes = new[] { "catalog:read" } } });
        Assert.Equal("FORBIDDEN", response.ErrorCode());
        Assert.Equal("FORBIDDEN", (await northfieldAdmin.PostAsync($"{{ tenant(id: \"{Lakeside}\") {{ members {{ role }} }} }}")).ErrorCode());
        Assert.Equal("FORBIDDEN", (await northfieldAdmin.PostAsync("{ auditLog { nodes { type } } }")).ErrorCode());

        var instructor = await AsAsync("instructor@northfield.example");
        Assert.Equal("FORBIDDEN", (await instructor.PostAsync(CreateClient,
            new { input = new { tenantId = Northfield, name = "Instructor's", scopes = new[] { "catalog:read" } } })).ErrorCode());

        var client = platform.PartnerClient("northfield");
        var machine = platform.Gateway((await platform.Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret)).Access());
        Assert.Equal("FORBIDDEN", (await machine.PostAsync(CreateClient,
            new { input = new { tenantId = Northfield, name = "Self-made", scopes = new[] { "catalog:read" } } })).ErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await platform.Gateway().PostAsync(CreateClient,
            new { input = new { tenantId = Northfield, name = "Anonymous", scopes = new[] { "catalog:read" } } })).ErrorCode());
    }

    [Fact]
    public async Task An_invited_person_chooses_a_password_and_arrives_with_the_role_which_can_be_removed_again()
    {
        var admin = await AsAsync("admin@acme.example");
        var acme = (await admin.PostAsync("{ viewer { memberships { tenant { id slug } } } }")).Ok()["viewer"]!["memberships"]![0]!["tenant"]!["id"]!.GetValue<string>();
        var email = $"invitee-{Guid.NewGuid():N}@acme.example";

        var invited = (await admin.PostAsync("mutation($input: InviteUserInput!) { inviteUser(input: $input) { membership { role state } errors { code } } }",
            new { input = new { tenantId = acme, email, role = "learner", displayName = "Invited Learner" } })).Ok()["inviteUser"]!["membership"]!;
        Assert.Equal("INVITED", invited["state"]!.GetValue<string>());

        // The invitation mail carries a link to choose a password; choosing it and signing in is the acceptance.
        var mail = Directory.GetFiles(platform.MailFolder).Select(File.ReadAllText).Single(m => m.Contains($"To: {email}", StringComparison.Ordinal));
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail, @"https?://\S+").Value);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Query);
        var oidc = platform.Oidc();
        using (await oidc.PostFormAsync(link.PathAndQuery, new() { ["userId"] = query["userId"]!, ["code"] = query["code"]!, ["password"] = "invited and welcome" }))
        {
        }

        var arrived = await oidc.SignInAsync(email, "invited and welcome", SampleTenants.LearnerAppClientId,
            platform.RedirectUri(SampleTenants.LearnerAppClientId), "openid roles");
        Assert.Contains($"{acme}:learner", arrived.Claims()["membership"]!.ToJsonString(), StringComparison.Ordinal);
        var userId = arrived.Claims()["sub"]!.GetValue<string>();

        var badRole = (await admin.PostAsync("mutation($input: RoleInput!) { assignRole(input: $input) { errors { code } } }",
            new { input = new { tenantId = acme, userId, role = "partner_admin" } })).Ok()["assignRole"]!["errors"]![0]!["code"]!.GetValue<string>();
        Assert.Equal("INVALID_ROLE", badRole);
        (await admin.PostAsync("mutation($input: RoleInput!) { assignRole(input: $input) { membership { role } errors { code } } }",
            new { input = new { tenantId = acme, userId, role = "org_admin" } })).Ok();

        var token = await oidc.SignInAsync(email, "invited and welcome", SampleTenants.LearnerAppClientId,
            platform.RedirectUri(SampleTenants.LearnerAppClientId), "openid roles");
        var memberships = token.Claims()["membership"]!.ToJsonString();
        Assert.Contains($"{acme}:learner", memberships, StringComparison.Ordinal);
        Assert.Contains($"{acme}:org_admin", memberships, StringComparison.Ordinal);

        var removed = (await admin.PostAsync("mutation($input: RoleInput!) { removeRole(input: $input) { membership { role } errors { code } } }",
            new { input = new { tenantId = acme, userId, role = "org_admin" } })).Ok()["removeRole"]!;
        Assert.Equal("org_admin", removed["membership"]!["role"]!.GetValue<string>());
        var roles = (await admin.PostAsync($"{{ tenant(id: \"{acme}\") {{ members {{ role user {{ id }} }} }} }}")).Ok()["tenant"]!["members"]!.AsArray()
            .Where(m => m!["user"]?["id"]?.GetValue<string>() == userId).Select(m => m!["role"]!.GetValue<string>());
        Assert.Equal(["learner"], roles);
    }

    [Fact]
    public async Task A_tenant_administrator_sees_a_members_roles_in_their_own_tenant_only()
    {
        // A Lakeside instructor also teaches for Northfield, having accepted its invitation.
        var northfieldAdmin = await AsAsync("admin@northfield.example");
        var invitation = (await northfieldAdmin.PostAsync("mutation($input: InviteUserInput!) { inviteUser(input: $input) { membership { id } errors { code } } }",
            new { input = new { tenantId = Northfield, email = "instructor@lakeside-tech.example", role = "instructor" } })).Ok()["inviteUser"]!["membership"]!["id"]!;
        var instructor = await AsAsync("instructor@lakeside-tech.example");
        (await instructor.PostAsync("mutation($id: ID!) { acceptTenantInvitation(input: {invitationId: $id}) { errors { code } } }",
            new { id = invitation.GetValue<string>() })).Ok();
        var instructorId = (await instructor.PostAsync("{ viewer { id } }")).Ok()["viewer"]!["id"]!.GetValue<string>();

        var members = (await northfieldAdmin.PostAsync($"{{ tenant(id: \"{Northfield}\") {{ members {{ user {{ id memberships {{ tenant {{ slug }} role }} }} }} }} }}"))
            .Ok()["tenant"]!["members"]!.AsArray();
        var visiting = members.First(m => m!["user"]?["id"]?.GetValue<string>() == instructorId)!["user"]!["memberships"]!.AsArray();
        Assert.Equal(["northfield"], visiting.Select(m => m!["tenant"]!["slug"]!.GetValue<string>()));

        var own = (await instructor.PostAsync("{ viewer { memberships { tenant { slug } } } }"))
            .Ok()["viewer"]!["memberships"]!.AsArray().Select(m => m!["tenant"]!["slug"]!.GetValue<string>()).Order();
        Assert.Equal(["lakeside-tech", "northfield"], own);
    }

    [Fact]
    public async Task Root_fields_run_side_by_side_without_getting_in_each_others_way()
    {
        var admin = await AsAsync("admin@coursera.example");
        var data = (await admin.PostAsync($"{{ viewer {{ id memberships {{ role }} }} tenant(id: \"{Lakeside}\") {{ name members {{ role }} apiClients {{ clientId }} }} auditLog(first: 5) {{ totalCount nodes {{ type }} }} }}"))
            .Ok();
        Assert.NotNull(data["viewer"]);
        Assert.Equal("Lakeside Institute of Technology", data["tenant"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_administrator_of_a_tenant_stays()
    {
        var admin = await AsAsync("admin@universidad-del-sol.example");
        var viewer = (await admin.PostAsync("{ viewer { id memberships { tenant { id } } } }")).Ok()["viewer"]!;
        var response = (await admin.PostAsync("mutation($input: RoleInput!) { removeRole(input: $input) { membership { role } errors { code } } }",
            new
            {
                input = new
                {
                    tenantId = viewer["memberships"]![0]!["tenant"]!["id"]!.GetValue<string>(),
                    userId = viewer["id"]!.GetValue<string>(),
                    role = "partner_admin",
                },
            })).Ok()["removeRole"]!;
        Assert.Equal("LAST_ADMINISTRATOR", response["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_development_credentials_file_has_every_seeded_account_and_the_tenants_match_the_catalog()
    {
        var file = JsonNode.Parse(await File.ReadAllTextAsync(platform.DevCredentialsPath))!;
        Assert.NotNull(file["issuer"]);
        var clients = file["clients"]!.AsArray();
        var partnerClients = clients.Where(c => c!["tenantType"]!.GetValue<string>() == "partner").ToList();
        Assert.Equal(4, partnerClients.Count);
        Assert.All(partnerClients, c => Assert.Contains("catalog:write", c!["scopes"]!.ToJsonString(), StringComparison.Ordinal));

        // The platform's grading worker holds grading:work and nothing else.
        var worker = Assert.Single(clients, c => c!["tenantType"]!.GetValue<string>() == "platform")!;
        Assert.Equal(SampleTenants.GradingWorkerClientId, worker["clientId"]!.GetValue<string>());
        Assert.Equal("[\"grading:work\"]", worker["scopes"]!.ToJsonString());
        var users = file["users"]!.AsArray().Select(u => (Email: u!["email"]!.GetValue<string>(), Roles: u["roles"]!.ToJsonString(), Tenant: u["tenantType"]!.GetValue<string>())).ToList();
        Assert.Contains(users, u => u.Roles.Contains("platform_admin", StringComparison.Ordinal) && u.Tenant == "platform");
        Assert.Equal(4, users.Count(u => u.Roles.Contains("partner_admin", StringComparison.Ordinal)));
        Assert.Equal(4, users.Count(u => u.Roles.Contains("instructor", StringComparison.Ordinal)));
        Assert.Contains(users, u => u.Roles.Contains("org_admin", StringComparison.Ordinal) && u.Tenant == "organization");
        Assert.Contains(users, u => u.Roles.Contains("learner", StringComparison.Ordinal));
        Assert.Equal(2, file["publicClients"]!.AsArray().Count);

        // Every partner tenant is the catalog's partner of the same id and slug.
        var partners = (await platform.Gateway().PostAsync("{ partners(first: 10) { nodes { id slug } } }")).Ok()["partners"]!["nodes"]!.AsArray()
            .Select(p => (p!["id"]!.GetValue<string>(), p["slug"]!.GetValue<string>())).ToHashSet();
        Assert.All(SampleTenants.Partners, t => Assert.Contains((t.Id.ToString(), t.Slug), partners));
    }

    private async Task<GraphQLHttpClient> AsAsync(string email) => platform.Gateway((await platform.SignInAsync(email)).Access());
}
