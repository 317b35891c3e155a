using System.Text.Json.Nodes;
using Coursera.Identity.Data;
using Coursera.Testing;

namespace Coursera.Platform.Testing;

/// <summary>
/// What the tests do through the gateway as people would: a partner's API client builds and publishes a course,
/// the seeded learner signs in with the learner app, a platform administrator grants entitlements.
/// </summary>
public sealed class LearningPath(PlatformApp platform)
{
    public const string LearnerEmail = "learner@acme.example";

    /// <summary>What the learner app asks for: enough to enroll and learn.</summary>
    public const string LearnerScopes = "openid profile enrollments:write catalog:read";

    public const string EnrollMutation =
        "mutation($c: ID!, $s: ID!, $t: EnrollmentTrack!) { enroll(input: {courseId: $c, sessionId: $s, track: $t}) { enrollment { id state track } errors { code message } } }";

    public async Task<GraphQLHttpClient> PartnerAsync()
    {
        var client = platform.PartnerClient("kings-bridge");
        return platform.Gateway((await platform.Oidc().ClientCredentialsAsync(client.ClientId, client.ClientSecret)).Access());
    }

    public async Task<(GraphQLHttpClient Gateway, string UserId)> LearnerAsync()
    {
        var tokens = await platform.SignInAsync(LearnerEmail, LearnerScopes, SampleTenants.LearnerAppClientId);
        var gateway = platform.Gateway(tokens.Access());
        var id = (await gateway.PostAsync("{ viewer { id } }")).Ok()["viewer"]!["id"]!.GetValue<string>();
        return (gateway, id);
    }

    public async Task<GraphQLHttpClient> PlatformAdminAsync() => platform.Gateway((await platform.SignInAsync("admin@coursera.example")).Access());

    /// <summary>
    /// A published course of three items (two required: a lecture and a quiz, a practice quiz unless
    /// <paramref name="gradedQuiz"/>) with an open session and a closed one; returns once the learner service knows it.
    /// </summary>
    public async Task<PublishedCourse> PublishCourseAsync(string slug, bool gradedQuiz = false, string? prerequisiteId = null)
    {
        var partner = await PartnerAsync();
        var partnerId = SampleTenants.Partners[3].Id.ToString();
        var courseId = Accepted(await partner.PostAsync("mutation($p: ID!, $s: String!, $r: [ID!]) { createCourse(input: {partnerId: $p, slug: $s, title: \"Learning to Learn\", prerequisiteIds: $r}) { course { id } errors { code } } }",
            new { p = partnerId, s = slug, r = prerequisiteId is null ? Array.Empty<string>() : [prerequisiteId] }))["createCourse"]!["course"]!["id"]!.GetValue<string>();
        var moduleId = Accepted(await partner.PostAsync("mutation($c: ID!) { addModule(input: {courseId: $c, title: \"Week 1\"}) { module { id } } }", new { c = courseId }))
            ["addModule"]!["module"]!["id"]!.GetValue<string>();
        var items = new List<string>();
        foreach (var (kind, title, required, graded) in new[] { ("LECTURE", "Welcome", true, false), ("READING", "Further reading", false, false), ("QUIZ", "Check yourself", true, gradedQuiz) })
        {
            items.Add(Accepted(await partner.PostAsync("mutation($m: ID!, $k: ItemKind!, $t: String!, $r: Boolean, $g: Boolean) { addItem(input: {moduleId: $m, kind: $k, title: $t, required: $r, graded: $g}) { item { id } errors { code } } }",
                new { m = moduleId, k = kind, t = title, r = required, g = graded }))["addItem"]!["item"]!["id"]!.GetValue<string>());
        }

        var now = DateTime.UtcNow;
        var open = await SessionAsync(partner, courseId, now.AddDays(-1), now.AddDays(30));
        var closed = await SessionAsync(partner, courseId, now.AddDays(-60), now.AddDays(-30));
        Accepted(await partner.PostAsync("mutation($c: ID!) { publishCourse(input: {courseId: $c}) { errors { code } } }", new { c = courseId }));

        // The learner service hears of the course through the event stream: until then it refuses enrollments with
        // COURSE_NOT_FOUND; once it knows the course, the closed session is refused as closed (and nothing changes).
        var learner = (await LearnerAsync()).Gateway;
        await Eventually(async () => (await learner.PostAsync(EnrollMutation, new { c = courseId, s = closed, t = "AUDIT" }))
            .Ok()["enroll"]!["errors"]![0]!["code"]!.GetValue<string>() == "ENROLLMENT_CLOSED");
        return new PublishedCourse(courseId, moduleId, open, closed, items[0], items[1], items[2]);
    }

    private static async Task<string> SessionAsync(GraphQLHttpClient partner, string courseId, DateTime opens, DateTime closes) =>
        Accepted(await partner.PostAsync("mutation($c: ID!, $o: DateTime!, $x: DateTime!, $s: DateTime!, $e: DateTime!) { createCourseSession(input: {courseId: $c, enrollmentOpensAt: $o, enrollmentClosesAt: $x, startsAt: $s, endsAt: $e}) { courseSession { id } errors { code message } } }",
            new { c = courseId, o = opens, x = closes, s = opens.AddDays(1), e = closes.AddDays(60) }))["createCourseSession"]!["courseSession"]!["id"]!.GetValue<string>();

    public static JsonNode Accepted(GraphQLResponse response)
    {
        var data = response.Ok();
        foreach (var (_, payload) in data.AsObject())
        {
            if (payload?["errors"] is JsonArray { Count: > 0 } errors)
            {
                throw new InvalidOperationException($"Refused: {errors.ToJsonString()}");
            }
        }

        return data;
    }

    public static async Task Eventually(Func<Task<bool>> condition, int seconds = 20)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            await Task.Delay(50, patience.Token);
        }
    }
}

public sealed record PublishedCourse(string Id, string ModuleId, string OpenSessionId, string ClosedSessionId, string Lecture, string OptionalReading, string Quiz);
