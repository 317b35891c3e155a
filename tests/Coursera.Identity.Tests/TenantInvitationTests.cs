using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Testing;

namespace Coursera.Identity.Tests;

/// <summary>
/// A tenant administrator invites; only the person makes themselves a member (security review F1). Until then the
/// tenant learns nothing about the account behind an address, and it never reads another account's email, name or
/// security settings.
/// </summary>
public sealed class TenantInvitationTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Invite = """
        mutation($input: InviteUserInput!) { inviteUser(input: $input) { membership { id role state user { id email displayName } } errors { code } } }
        """;

    private const string AssignRole = """
        mutation($input: RoleInput!) { assignRole(input: $input) { membership { role user { id email displayName emailConfirmed twoFactorEnabled } } errors { code } } }
        """;

    private static string Northfield => SampleTenants.Partners[0].Id.ToString();

    [Fact]
    public async Task A_partner_administrator_cannot_attach_a_learner_by_id_nor_read_their_account()
    {
        // The review's request: a learner id from an enrollment webhook, made an instructor of the administrator's partner.
        var (_, learnerId) = await platform.NewLearnerAsync();
        var admin = await AsAsync("admin@northfield.example");
        var attached = (await admin.PostAsync(AssignRole, new { input = new { tenantId = Northfield, userId = learnerId, role = "instructor" } }))
            .Ok()["assignRole"]!;
        var nobody = (await admin.PostAsync(AssignRole, new { input = new { tenantId = Northfield, userId = Guid.CreateVersion7(), role = "instructor" } }))
            .Ok()["assignRole"]!;

        Assert.Null(attached["membership"]);
        Assert.Equal("NOT_FOUND", attached["errors"]![0]!["code"]!.GetValue<string>());
        // The same answer as for an id that belongs to nobody: no existence oracle either.
        Assert.Equal(nobody.ToJsonString(), attached.ToJsonString());
        var members = (await admin.PostAsync($"{{ tenant(id: \"{Northfield}\") {{ members {{ user {{ id }} }} }} }}")).Ok().ToJsonString();
        Assert.DoesNotContain(learnerId.ToString(), members, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_account_is_only_invited_and_becomes_a_member_when_the_person_accepts()
    {
        var learner = await NewLearner.CreateAsync(platform.Services);
        var admin = await AsAsync("admin@northfield.example");
        var invited = (await admin.PostAsync(Invite, new { input = new { tenantId = Northfield, email = learner.Email, role = "instructor" } }))
            .Ok()["inviteUser"]!["membership"]!;
        Assert.Equal("INVITED", invited["state"]!.GetValue<string>());
        Assert.Null(invited["user"]);

        // The person is told, and nothing else changes until they answer.
        Assert.Contains(Mails(), m => m.Contains($"To: {learner.Email}", StringComparison.Ordinal)
            && m.Contains("invited you to join", StringComparison.Ordinal));
        Assert.DoesNotContain(Northfield, (await TokenOfAsync(learner)).Claims().ToJsonString(), StringComparison.Ordinal);
        var pending = (await admin.PostAsync($"{{ tenant(id: \"{Northfield}\") {{ members {{ id state user {{ id }} }} }} }}")).Ok()["tenant"]!["members"]!
            .AsArray().Single(m => m!["id"]!.GetValue<string>() == invited["id"]!.GetValue<string>())!;
        Assert.Equal("INVITED", pending["state"]!.GetValue<string>());
        Assert.Null(pending["user"]);
        var refused = (await admin.PostAsync(AssignRole, new { input = new { tenantId = Northfield, userId = learner.Id, role = "partner_admin" } }))
            .Ok()["assignRole"]!;
        Assert.Equal("NOT_FOUND", refused["errors"]![0]!["code"]!.GetValue<string>());

        // Someone else cannot answer for them.
        var (stranger, _) = await platform.NewLearnerAsync();
        Assert.Equal("NOT_FOUND", (await stranger.PostAsync(Answer("acceptTenantInvitation"), new { id = invited["id"]!.GetValue<string>() }))
            .Ok()["acceptTenantInvitation"]!["errors"]![0]!["code"]!.GetValue<string>());

        var person = platform.Gateway((await TokenOfAsync(learner)).Access());
        var invitations = (await person.PostAsync("{ viewer { tenantInvitations { id role state tenant { slug } } memberships { role } } }")).Ok()["viewer"]!;
        Assert.Equal("northfield", invitations["tenantInvitations"]![0]!["tenant"]!["slug"]!.GetValue<string>());
        Assert.Empty(invitations["memberships"]!.AsArray());
        var accepted = (await person.PostAsync(Answer("acceptTenantInvitation"), new { id = invited["id"]!.GetValue<string>() }))
            .Ok()["acceptTenantInvitation"]!["membership"]!;
        Assert.Equal("ACTIVE", accepted["state"]!.GetValue<string>());

        Assert.Contains($"{Northfield}:instructor", (await TokenOfAsync(learner)).Claims()["membership"]!.ToJsonString(), StringComparison.Ordinal);
        // A member now: the administrator sees who holds the role (the id), never the person's address, name or security settings.
        var member = (await admin.PostAsync($"{{ tenant(id: \"{Northfield}\") {{ members {{ state user {{ id email displayName emailConfirmed twoFactorEnabled }} }} }} }}"))
            .Ok()["tenant"]!["members"]!.AsArray().Single(m => m!["user"]?["id"]?.GetValue<string>() == learner.Id.ToString())!;
        Assert.Equal("ACTIVE", member["state"]!.GetValue<string>());
        Assert.Equal("""{"id":"ID","email":null,"displayName":null,"emailConfirmed":null,"twoFactorEnabled":null}""",
            member["user"]!.ToJsonString().Replace(learner.Id.ToString(), "ID", StringComparison.Ordinal));
        var promoted = (await admin.PostAsync(AssignRole, new { input = new { tenantId = Northfield, userId = learner.Id, role = "partner_admin" } }))
            .Ok()["assignRole"]!;
        Assert.Empty(promoted["errors"]!.AsArray());
        Assert.Null(promoted["membership"]!["user"]!["email"]);

        // Platform administrators still read any account, for support.
        var support = await AsAsync("admin@coursera.example");
        var seen = (await support.PostAsync($"{{ tenant(id: \"{Northfield}\") {{ members {{ user {{ id email }} }} }} }}")).Ok().ToJsonString();
        Assert.Contains(learner.Email, seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declined_invitation_leaves_no_membership_and_no_claim()
    {
        var learner = await NewLearner.CreateAsync(platform.Services);
        var admin = await AsAsync("admin@northfield.example");
        var id = (await admin.PostAsync(Invite, new { input = new { tenantId = Northfield, email = learner.Email, role = "instructor" } }))
            .Ok()["inviteUser"]!["membership"]!["id"]!.GetValue<string>();

        var person = platform.Gateway((await TokenOfAsync(learner)).Access());
        var declined = (await person.PostAsync(Answer("declineTenantInvitation"), new { id })).Ok()["declineTenantInvitation"]!;
        Assert.Empty(declined["errors"]!.AsArray());
        Assert.Empty((await person.PostAsync("{ viewer { tenantInvitations { id } } }")).Ok()["viewer"]!["tenantInvitations"]!.AsArray());
        Assert.Equal("NOT_FOUND", (await person.PostAsync(Answer("acceptTenantInvitation"), new { id })).Ok()["acceptTenantInvitation"]!["errors"]![0]!["code"]!
            .GetValue<string>());
        Assert.DoesNotContain(id, (await admin.PostAsync($"{{ tenant(id: \"{Northfield}\") {{ members {{ id }} }} }}")).Ok().ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Northfield, (await TokenOfAsync(learner)).Claims().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_is_answered_the_same_whether_or_not_the_address_has_an_account()
    {
        var admin = await AsAsync("admin@northfield.example");
        var existing = await NewLearner.CreateAsync(platform.Services);
        var withAccount = (await admin.PostAsync(Invite, new { input = new { tenantId = Northfield, email = existing.Email, role = "instructor" } }))
            .Ok()["inviteUser"]!;
        var withoutAccount = (await admin.PostAsync(Invite,
            new { input = new { tenantId = Northfield, email = $"nobody-{Guid.NewGuid():N}@example.org", role = "instructor" } })).Ok()["inviteUser"]!;

        Assert.Equal(Shape(withoutAccount), Shape(withAccount));
        Assert.Equal("""{"membership":{"id":"ID","role":"instructor","state":"INVITED","user":null},"errors":[]}""", Shape(withAccount));
    }

    [Fact]
    public async Task Tenant_and_api_client_ids_that_are_not_yours_get_the_same_answer_as_ids_that_do_not_exist()
    {
        var lakeside = SampleTenants.Partners[1].Id.ToString();
        var admin = await AsAsync("admin@northfield.example");
        const string Rotate = "mutation($id: String!) { rotateApiClientSecret(input: {clientId: $id}) { clientSecret errors { code } } }";

        Assert.Equal("FORBIDDEN", (await admin.PostAsync($"{{ tenant(id: \"{lakeside}\") {{ name }} }}")).ErrorCode());
        Assert.Equal("FORBIDDEN", (await admin.PostAsync($"{{ tenant(id: \"{Guid.CreateVersion7()}\") {{ name }} }}")).ErrorCode());
        Assert.Equal("FORBIDDEN", (await admin.PostAsync(Invite, new { input = new { tenantId = Guid.CreateVersion7(), email = "x@example.org", role = "instructor" } }))
            .ErrorCode());
        Assert.Equal("FORBIDDEN", (await admin.PostAsync(Rotate, new { id = platform.PartnerClient("lakeside-tech").ClientId })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await admin.PostAsync(Rotate, new { id = $"no-such-client-{Guid.NewGuid():N}" })).ErrorCode());

        // Platform administrators, who may see every tenant, are told what does not exist.
        var support = await AsAsync("admin@coursera.example");
        Assert.Equal("NOT_FOUND", (await support.PostAsync($"{{ tenant(id: \"{Guid.CreateVersion7()}\") {{ name }} }}")).ErrorCode());
    }

    [Fact]
    public async Task Viewer_email_is_given_only_to_a_token_granted_the_email_scope()
    {
        var learner = await NewLearner.CreateAsync(platform.Services);
        const string Viewer = "{ viewer { id email displayName } }";
        var without = (await platform.Gateway((await TokenOfAsync(learner, "openid profile")).Access()).PostAsync(Viewer)).Ok()["viewer"]!;
        Assert.Null(without["email"]);
        Assert.Equal("A learner", without["displayName"]!.GetValue<string>());

        var with = (await platform.Gateway((await TokenOfAsync(learner, "openid profile email")).Access()).PostAsync(Viewer)).Ok()["viewer"]!;
        Assert.Equal(learner.Email, with["email"]!.GetValue<string>());
    }

    private static string Answer(string mutation) =>
        $"mutation($id: ID!) {{ {mutation}(input: {{invitationId: $id}}) {{ membership {{ id state }} errors {{ code }} }} }}";

    /// <summary>The answer with the invitation's own id taken out (each invitation has one).</summary>
    private static string Shape(JsonNode payload)
    {
        var copy = payload.DeepClone();
        if (copy["membership"] is JsonObject membership)
        {
            membership["id"] = "ID";
        }

        return copy.ToJsonString();
    }

    private IEnumerable<string> Mails() => Directory.GetFiles(platform.MailFolder).Select(File.ReadAllText);

    private async Task<TokenResponse> TokenOfAsync(NewLearner learner, string scope = "openid profile roles") =>
        await platform.SignInAsync(learner.Email, scope, SampleTenants.PartnerPortalClientId, password: learner.Password);

    private async Task<GraphQLHttpClient> AsAsync(string email) => platform.Gateway((await platform.SignInAsync(email)).Access());
}
