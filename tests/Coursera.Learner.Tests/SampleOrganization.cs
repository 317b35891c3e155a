using Coursera.Testing;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>The seeded organization (Acme) as its administrator acts on it through the gateway.</summary>
public static class SampleOrganization
{
    /// <summary>The organization's administrator, signed in through the partner portal, and the organization's id.</summary>
    public static async Task<(GraphQLHttpClient Admin, string OrganizationId)> AdministratorAsync(PlatformApp platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var admin = platform.Gateway((await platform.SignInAsync("admin@acme.example")).Access());
        var organizationId = (await admin.PostAsync("{ viewer { memberships { role tenant { id } } } }")).Ok()["viewer"]!["memberships"]!.AsArray()
            .Single(m => m!["role"]!.GetValue<string>() == "org_admin")!["tenant"]!["id"]!.GetValue<string>();
        return (admin, organizationId);
    }

    /// <summary>
    /// The administrator adds the learner to the program by user id (with an external id when given), which invites
    /// them, and the learner accepts: a member who has joined.
    /// </summary>
    public static async Task AddMemberAsync(GraphQLHttpClient admin, string programId, GraphQLHttpClient learner, object userId, string? externalId = null,
        string? email = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(learner);
        Accepted(await admin.PostAsync(
            "mutation($p: ID!, $m: [ProgramMemberInput!]!) { addProgramMembers(input: {programId: $p, members: $m}) { errors { code } } }",
            new { p = programId, m = new[] { new { userId = userId.ToString(), externalId, email } } }));
        var joined = (await learner.PostAsync("mutation { acceptProgramInvitations { id } }")).Ok()["acceptProgramInvitations"]!.AsArray();
        Assert.Contains(joined, p => p!["id"]!.GetValue<string>() == programId);
    }

    /// <summary>A new program of these courses; its id.</summary>
    public static async Task<string> CreateProgramAsync(GraphQLHttpClient admin, string organizationId, string name, params string[] courseIds)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return Accepted(await admin.PostAsync(
            "mutation($o: ID!, $n: String!, $c: [ID!]!) { createProgram(input: {organizationId: $o, name: $n, courseIds: $c}) { program { id } errors { code } } }",
            new { o = organizationId, n = name, c = courseIds }))["createProgram"]!["program"]!["id"]!.GetValue<string>();
    }
}
