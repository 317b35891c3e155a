using System.Security.Claims;
using Coursera.Learner.Subgraph;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// <c>enrollmentCount</c> resolves for any course id, through the entity resolution the gateway uses: a course that is
/// not public has no count for anyone but its staff (security review F23); one this service has not heard of has none
/// for the public and 0 for partner staff.
/// </summary>
public sealed class EnrollmentCountTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    [Fact]
    public async Task A_draft_course_has_no_enrollment_count_for_the_public()
    {
        var published = await new LearningPath(platform).PublishCourseAsync("count-published");
        var partner = await new LearningPath(platform).PartnerAsync();
        var draft = Accepted(await partner.PostAsync("mutation($p: ID!) { createCourse(input: {partnerId: $p, slug: \"count-draft\", title: \"Unannounced\"}) { course { id } errors { code } } }",
            new { p = Identity.Data.SampleTenants.Partners[3].Id }))["createCourse"]!["course"]!["id"]!.GetValue<string>();

        Assert.Equal(0, await CountAsync(published.Id, new ClaimsPrincipal()));
        Assert.Null(await CountAsync(draft, new ClaimsPrincipal()));
        Assert.Null(await CountAsync(Guid.CreateVersion7().ToString(), new ClaimsPrincipal()));
    }

    [Fact]
    public async Task Partner_staff_count_zero_for_a_course_the_learner_service_has_not_heard_of()
    {
        // What a partner reads back in the moment after publishing, before the catalog's event has reached this service.
        var partnerId = Identity.Data.SampleTenants.Partners[3].Id;
        var instructor = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(CourseraClaims.Subject, Guid.CreateVersion7().ToString()),
            new Claim(CourseraClaims.Membership, $"{partnerId}:instructor"),
        ], "test"));
        var unheardOf = Guid.CreateVersion7().ToString();

        Assert.Equal(0, await CountAsync(unheardOf, instructor));
        Assert.Null(await CountAsync(unheardOf, new ClaimsPrincipal()));
    }

    /// <summary>The course's count as <paramref name="caller"/> gets it from the learner subgraph's entity resolver.</summary>
    private async Task<int?> CountAsync(string courseId, ClaimsPrincipal caller)
    {
        using var scope = platform.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SubgraphExecutor<LearnerSchema>>().ExecuteAsync(new GraphQLRequest(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { enrollmentCount } } }",
            Variables: new Inputs(new Dictionary<string, object?>
            {
                ["r"] = new List<object?> { new Dictionary<string, object?> { ["__typename"] = "Course", ["id"] = courseId } },
            })), null, scope.ServiceProvider, caller, CancellationToken.None);
        Assert.True(result.Errors is null or { Count: 0 }, string.Join("; ", result.Errors?.Select(e => e.Message) ?? []));
        var entity = (((result.Data as GraphQL.Execution.ObjectExecutionNode)?.ToValue() as IDictionary<string, object?>)?["_entities"] as IList<object?>)?[0]
            as IDictionary<string, object?>;
        return entity?["enrollmentCount"] as int?;
    }
}
