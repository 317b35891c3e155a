using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>A course the catalog gives prerequisites opens to a learner once they completed those courses.</summary>
public sealed class PrerequisiteTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Record = "mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { enrollment { state } errors { code } } }";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_learner_enrolls_in_a_course_only_after_completing_its_prerequisites()
    {
        var first = await _path.PublishCourseAsync("foundations-first");
        var second = await _path.PublishCourseAsync("builds-on-foundations", prerequisiteId: first.Id);
        var (learner, _) = await _path.LearnerAsync();

        var listed = (await learner.PostAsync("query($c: ID!) { course(id: $c) { prerequisites { id } } }", new { c = second.Id })).Ok()["course"]!["prerequisites"]!;
        Assert.Equal([first.Id], listed.AsArray().Select(c => c!["id"]!.GetValue<string>()));

        var refused = (await learner.PostAsync(EnrollMutation, new { c = second.Id, s = second.OpenSessionId, t = "AUDIT" })).Ok()["enroll"]!;
        Assert.Equal("PREREQUISITES_NOT_MET", refused["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("Learning to Learn", refused["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null((await learner.PostAsync("query($c: ID!) { course(id: $c) { viewerEnrollment { id } } }", new { c = second.Id })).Ok()["course"]!["viewerEnrollment"]);

        // Being enrolled in the prerequisite is not enough; completing it is.
        Accepted(await learner.PostAsync(EnrollMutation, new { c = first.Id, s = first.OpenSessionId, t = "AUDIT" }));
        Assert.Equal("PREREQUISITES_NOT_MET", (await learner.PostAsync(EnrollMutation, new { c = second.Id, s = second.OpenSessionId, t = "AUDIT" }))
            .Ok()["enroll"]!["errors"]![0]!["code"]!.GetValue<string>());
        Accepted(await learner.PostAsync(Record, new { i = first.Lecture }));
        Assert.Equal("COMPLETED", Accepted(await learner.PostAsync(Record, new { i = first.Quiz }))["recordProgress"]!["enrollment"]!["state"]!.GetValue<string>());

        var enrolled = Accepted(await learner.PostAsync(EnrollMutation, new { c = second.Id, s = second.OpenSessionId, t = "AUDIT" }))["enroll"]!["enrollment"]!;
        Assert.Equal("ACTIVE", enrolled["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_prerequisite_that_is_not_public_does_not_stand_in_the_way()
    {
        var partner = await _path.PartnerAsync();
        var draftId = Accepted(await partner.PostAsync("mutation($p: ID!) { createCourse(input: {partnerId: $p, slug: \"still-a-draft\", title: \"Coming soon\"}) { course { id } errors { code } } }",
            new { p = Identity.Data.SampleTenants.Partners[3].Id }))["createCourse"]!["course"]!["id"]!.GetValue<string>();
        var course = await _path.PublishCourseAsync("needs-a-draft", prerequisiteId: draftId);
        var (learner, _) = await _path.LearnerAsync();

        Assert.Empty((await learner.PostAsync("query($c: ID!) { course(id: $c) { prerequisites { id } } }", new { c = course.Id })).Ok()["course"]!["prerequisites"]!.AsArray());
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));
    }
}
