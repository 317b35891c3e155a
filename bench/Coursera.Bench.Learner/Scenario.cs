using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Coursera.Bench.Learner;

internal sealed record BenchCourse(string Id, IReadOnlyList<string> Items);

internal sealed record BenchLearner(string Email, string AccessToken, IReadOnlyList<BenchCourse> Courses);

/// <summary>
/// Builds what the benchmark measures the way the platform's users would, through the gateway: King's Bridge's API
/// client publishes courses, Acme's administrator invites learners, who choose a password from the mailed link, sign
/// in with the learner app (code flow with PKCE through the login page), enroll and record progress.
/// </summary>
internal sealed partial class Scenario(PlatformHost host, HttpMessageHandler handler)
{
    public const string LearnerScopes = "openid profile enrollments:write catalog:read";

    public const string RecordProgress =
        "mutation($i: ID!, $e: ProgressEvent!, $p: Float) { recordProgress(input: {itemId: $i, event: $e, positionSeconds: $p}) { progress { state positionSeconds } errors { code } } }";

    private const string Enroll =
        "mutation($c: ID!, $s: ID!) { enroll(input: {courseId: $c, sessionId: $s, track: AUDIT}) { enrollment { id } errors { code message } } }";

    private static readonly string[] ItemKinds = ["LECTURE", "READING", "QUIZ", "LECTURE"];

    private static readonly object[] QuizChoices = [new { id = "a", text = "A" }, new { id = "b", text = "B" }, new { id = "c", text = "C" }];
    private static readonly string[] QuizKey = ["b"];

    private readonly Dictionary<string, string> _sessions = [];

    /// <summary>A GraphQL client of the gateway sharing the benchmark's connections, carrying <paramref name="accessToken"/>.</summary>
    public GraphQLHttpClient Gateway(string? accessToken)
    {
        var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = host.Address };
        if (accessToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return new GraphQLHttpClient(http);
    }

    /// <summary>The gateway as the courses' partner (its API client).</summary>
    public async Task<GraphQLHttpClient> PartnerAsync()
    {
        var client = host.Credentials.Clients.Single(c => c.TenantSlug == "kings-bridge");
        using var browser = Browser();
        return Gateway((await new OidcTestClient(browser).ClientCredentialsAsync(client.ClientId, client.ClientSecret)).Access());
    }

    /// <summary>
    /// A published assessment of <paramref name="questions"/> questions (single choice and numeric, alternately; no
    /// attempt limit) on the quiz of each course; returns the quiz item ids. Retries until the assessment service has
    /// heard of the course.
    /// </summary>
    public async Task<IReadOnlyList<string>> AuthorQuizzesAsync(IReadOnlyList<BenchCourse> courses, int questions)
    {
        var partner = await PartnerAsync();
        var quizzes = courses.Select(c => c.Items[2]).ToList(); // the third item of a module is its quiz (ItemKinds)
        var set = Enumerable.Range(0, questions).Select(q => q % 2 == 0
            ? (object)new { id = $"q{q}", kind = "SINGLE_CHOICE", prompt = $"Question {q}?", choices = QuizChoices, correctChoiceIds = QuizKey }
            : new { id = $"q{q}", kind = "NUMERIC", prompt = $"Question {q}?", numericAnswer = (double)q, tolerance = 0.5 }).ToArray();
        await Parallel.ForEachAsync(quizzes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (quiz, _) =>
        {
            for (var tries = 0; ; tries++)
            {
                var created = (await partner.PostAsync(
                    "mutation($i: ID!, $q: [QuestionInput!]!) { createAssessment(input: {itemId: $i, title: \"Bench quiz\", questions: $q}) { assessment { id } errors { code } } }",
                    new { i = quiz, q = set })).Ok()["createAssessment"]!;
                if (created["errors"]!.AsArray().Count == 0)
                {
                    Accepted(await partner.PostAsync("mutation($a: ID!) { publishAssessment(input: {assessmentId: $a}) { errors { code } } }",
                        new { a = created["assessment"]!["id"]!.GetValue<string>() }));
                    return;
                }

                if (tries > 200)
                {
                    throw new InvalidOperationException($"createAssessment refused: {created["errors"]!.ToJsonString()}");
                }

                await Task.Delay(100, CancellationToken.None);
            }
        });
        return quizzes;
    }

    /// <summary>Published courses of <paramref name="modules"/> modules of <paramref name="items"/> items each (readings optional), with an open session.</summary>
    public async Task<IReadOnlyList<BenchCourse>> PublishCoursesAsync(int count, int modules, int items, string run)
    {
        var partner = await PartnerAsync();
        var partnerId = SampleTenants.Partners.Single(p => p.Slug == "kings-bridge").Id.ToString();
        var courses = new BenchCourse[count];

        // A few at a time: the setup's mutations are not what is measured, and two cores are soon busy.
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            var courseId = Accepted(await partner.PostAsync(
                "mutation($p: ID!, $s: String!, $t: String!) { createCourse(input: {partnerId: $p, slug: $s, title: $t}) { course { id } errors { code } } }",
                new { p = partnerId, s = $"bench-{run}-{n}", t = $"Learning at Scale {n + 1}" }))["createCourse"]!["course"]!["id"]!.GetValue<string>();
            var itemIds = new List<string>();
            for (var m = 0; m < modules; m++)
            {
                var moduleId = Accepted(await partner.PostAsync("mutation($c: ID!, $t: String!) { addModule(input: {courseId: $c, title: $t}) { module { id } } }",
                    new { c = courseId, t = $"Week {m + 1}" }))["addModule"]!["module"]!["id"]!.GetValue<string>();
                for (var i = 0; i < items; i++)
                {
                    var kind = ItemKinds[i % ItemKinds.Length];
                    itemIds.Add(Accepted(await partner.PostAsync(
                        "mutation($m: ID!, $k: ItemKind!, $t: String!, $r: Boolean) { addItem(input: {moduleId: $m, kind: $k, title: $t, required: $r}) { item { id } errors { code } } }",
                        new { m = moduleId, k = kind, t = $"Part {m + 1}.{i + 1}", r = kind != "READING" }))["addItem"]!["item"]!["id"]!.GetValue<string>());
                }
            }

            var now = DateTime.UtcNow;
            var session = Accepted(await partner.PostAsync(
                "mutation($c: ID!, $o: DateTime!, $x: DateTime!, $s: DateTime!, $e: DateTime!) { createCourseSession(input: {courseId: $c, enrollmentOpensAt: $o, enrollmentClosesAt: $x, startsAt: $s, endsAt: $e}) { courseSession { id } errors { code message } } }",
                new { c = courseId, o = now.AddDays(-1), x = now.AddDays(30), s = now, e = now.AddDays(90) }))["createCourseSession"]!["courseSession"]!["id"]!.GetValue<string>();
            Accepted(await partner.PostAsync("mutation($c: ID!) { publishCourse(input: {courseId: $c}) { errors { code } } }", new { c = courseId }));
            lock (_sessions)
            {
                _sessions[courseId] = session;
            }

            courses[n] = new BenchCourse(courseId, itemIds);
        });
        return courses;
    }

    /// <summary>New learners of Acme, invited by its administrator; each chooses a password from the invitation mail.</summary>
    public async Task<IReadOnlyList<(string Email, string Password)>> InviteLearnersAsync(int count, string run)
    {
        var admin = Gateway(await SignInAsync("admin@acme.example", host.Credentials.Users.Single(u => u.Email == "admin@acme.example").Password,
            SampleTenants.PartnerPortalClientId, "openid profile email roles"));
        var acme = (await admin.PostAsync("{ viewer { memberships { tenant { id slug } } } }")).Ok()["viewer"]!["memberships"]!.AsArray()
            .Single(m => m!["tenant"]!["slug"]!.GetValue<string>() == SampleTenants.Organization.Slug)!["tenant"]!["id"]!.GetValue<string>();
        var invited = new (string Email, string Password)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, _) =>
        {
            var email = $"bench-{run}-{n}@acme.example";
            Accepted(await admin.PostAsync("mutation($input: InviteUserInput!) { inviteUser(input: $input) { membership { role } errors { code message } } }",
                new { input = new { tenantId = acme, email, role = "learner", displayName = $"Bench Learner {n + 1}" } }));
            var link = new Uri(MailedLink(email));
            var query = QueryHelpers.ParseQuery(link.Query);
            var password = $"bench learner {Guid.NewGuid():N}";
            using var browser = Browser();
            using var chosen = await new OidcTestClient(browser).PostFormAsync(link.PathAndQuery,
                new() { ["userId"] = query["userId"]!, ["code"] = query["code"]!, ["password"] = password });
            if (chosen.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                throw new InvalidOperationException($"Choosing a password for {email} answered {(int)chosen.StatusCode}.");
            }

            invited[n] = (email, password);
        });
        return invited;
    }

    /// <summary>Signs a person in with the learner app, as a learner's front end would, and hands back the access token.</summary>
    public Task<string> SignInLearnerAsync(string email, string password) =>
        SignInAsync(email, password, SampleTenants.LearnerAppClientId, LearnerScopes);

    /// <summary>Enrolls on the AUDIT track, waiting until the learner service has heard of the course from the event stream.</summary>
    public async Task EnrollAsync(GraphQLHttpClient learner, BenchCourse course)
    {
        var patience = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var payload = (await learner.PostAsync(Enroll, new { c = course.Id, s = _sessions[course.Id] })).Ok()["enroll"]!;
            var errors = payload["errors"]!.AsArray();
            if (errors.Count == 0)
            {
                return;
            }

            if (errors[0]!["code"]!.GetValue<string>() != "COURSE_NOT_FOUND" || DateTime.UtcNow > patience)
            {
                throw new InvalidOperationException($"Enrolling in {course.Id} was refused: {errors.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task RecordAsync(GraphQLHttpClient learner, string itemId, string progressEvent, double? positionSeconds = null) =>
        Accepted(await learner.PostAsync(RecordProgress, new { i = itemId, e = progressEvent, p = positionSeconds }));

    private async Task<string> SignInAsync(string email, string password, string clientId, string scope)
    {
        using var browser = Browser();
        var redirect = host.Credentials.PublicClients.Single(c => c.ClientId == clientId).RedirectUri;
        return (await new OidcTestClient(browser).SignInAsync(email, password, clientId, redirect, scope)).Access();
    }

    /// <summary>Like a browser: cookies of its own, redirects shown rather than followed.</summary>
    private HttpClient Browser() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };

    private string MailedLink(string email)
    {
        // The mail is written before inviteUser answers, so it is there now.
        var mail = Directory.GetFiles(host.MailFolder).Select(File.ReadAllText).Single(m => m.Contains($"To: {email}\n", StringComparison.Ordinal));
        return Link().Match(mail).Value;
    }

    private static JsonNode Accepted(GraphQLResponse response)
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

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
