using Coursera.Testing;

namespace Coursera.Learner.Tests;

/// <summary>
/// Who may read what in the learner service, one row per caller: an organization's learning records are its
/// administrators', its reporting clients' (reports:read) and platform administrators', nobody else's; its programs'
/// members, with their enrollments, are for those who manage its programs.
/// </summary>
public sealed class LearnerAccessTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string CreateClient =
        "mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiClient { clientId } clientSecret errors { code } } }";

    [Fact]
    public async Task Learning_records_and_program_members_answer_only_the_organizations_staff()
    {
        var path = new LearningPath(platform);
        var course = await path.PublishCourseAsync("access-course");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Access", course.Id);
        var (member, memberId) = await platform.NewLearnerAsync();
        await SampleOrganization.AddMemberAsync(admin, programId, member, memberId);
        var reporting = await OrganizationClientAsync(admin, organizationId, "reports:read");
        var enrolling = await OrganizationClientAsync(admin, organizationId, "enrollments:write", "learners:read");

        // Learning records: the organization's administrators, its reporting clients, platform administrators. Members
        // and their enrollments: whoever manages the organization's programs (a program of another is null to them).
        var rows = new (string Caller, GraphQLHttpClient Client, string? RecordsError, bool SeesMembers)[]
        {
            ("anonymous", platform.Gateway(), "UNAUTHENTICATED", false),
            ("a learner", (await platform.NewLearnerAsync()).Gateway, "FORBIDDEN", false),
            ("a member of the program", member, "FORBIDDEN", false),
            ("a learner of the organization", (await path.LearnerAsync()).Gateway, "FORBIDDEN", false),
            ("a partner's administrator", platform.Gateway((await platform.SignInAsync("admin@northfield.example")).Access()), "FORBIDDEN", false),
            ("a partner's API client with reports:read", await path.PartnerAsync(), "FORBIDDEN", false),
            ("the organization's API client without reports:read", enrolling, "FORBIDDEN", true),
            ("the organization's API client with reports:read only", reporting, null, false),
            ("the organization's administrator", admin, null, true),
            ("a platform administrator", await path.PlatformAdminAsync(), null, true),
        };

        foreach (var (caller, client, error, seesMembers) in rows)
        {
            var records = await client.PostAsync(LearningRecordTests.Feed, new { o = organizationId });
            Assert.True(error == records.ErrorCode(), $"{caller}: expected {error ?? "the records"}, got {records}");
            if (error is null)
            {
                Assert.NotNull(records.Ok()["learningRecords"]!["records"]);
            }

            var program = (await client.PostAsync("query($p: ID!) { program(id: $p) { members { userId enrollments { id } } } }", new { p = programId })).Ok()["program"];
            Assert.True(seesMembers == program is not null, $"{caller}: expected {(seesMembers ? "the members" : "no program")}, got {program?.ToJsonString()}");
        }

        // A member reaches the program itself when accepting invitations, never its members (security review F2).
        LearningPath.Accepted(await admin.PostAsync("mutation($p: ID!, $u: ID!) { addProgramMembers(input: {programId: $p, members: [{userId: $u}]}) { errors { code } } }",
            new { p = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Access again", course.Id), u = memberId }));
        var accepted = await member.PostAsync("mutation { acceptProgramInvitations { id members { userId } } }");
        Assert.Equal("FORBIDDEN", accepted.ErrorCode());
        Assert.DoesNotContain(memberId.ToString(), accepted.ToString(), StringComparison.Ordinal);

        // Staff of one organization read nothing of another's.
        var another = Guid.CreateVersion7().ToString();
        foreach (var client in new[] { admin, reporting })
        {
            Assert.Equal("FORBIDDEN", (await client.PostAsync(LearningRecordTests.Feed, new { o = another })).ErrorCode());
        }
    }

    /// <summary>An API client of the organization with these scopes, made by its administrator, signed in with client credentials.</summary>
    private async Task<GraphQLHttpClient> OrganizationClientAsync(GraphQLHttpClient admin, string organizationId, params string[] scopes)
    {
        var created = (await admin.PostAsync(CreateClient, new { input = new { tenantId = organizationId, name = $"LMS {string.Join(' ', scopes)}", scopes } }))
            .Ok()["createApiClient"]!;
        var tokens = await platform.Oidc().ClientCredentialsAsync(created["apiClient"]!["clientId"]!.GetValue<string>(), created["clientSecret"]!.GetValue<string>());
        return platform.Gateway(tokens.Access());
    }
}
