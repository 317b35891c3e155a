using System.Text.Json.Nodes;
using Coursera.Testing;
using static Coursera.Assessment.Tests.ProgrammingAssignmentTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// Peer review: work submitted with the honour code is reviewed anonymously against the rubric; the grade is the
/// median per criterion, shown once its learner has reviewed others; nobody waits forever (reviews go to the work
/// that needs them most, the relax time grades work with the reviews it has, the staff queue takes the rest).
/// </summary>
public sealed class PeerReviewTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    private const string Create = """
        mutation($i: ID!, $r: PeerReviewSetupInput) { createAssessment(input: {itemId: $i, title: "An essay", peerReview: $r, policy: {passingScore: 0.5}}) {
          assessment { id kind peerReview { reviewsRequired reviewsToGive honourCode { version text } rubric { id levels { points } } } } errors { code message path } } }
        """;

    private const string Submit = """
        mutation($a: ID!, $t: String, $h: Int) { submitAttempt(input: {attemptId: $a, text: $t, honourCodeVersion: $h}) {
          attempt { id state honourCodeAcceptedAt } errors { code } } }
        """;

    private const string Request = """
        mutation($i: ID!) { requestPeerReview(input: {itemId: $i}) { review { id text instructions rubric { id } } errors { code message } } }
        """;

    private const string Review = """
        mutation($r: ID!, $s: [CriterionScoreInput!]!, $c: String) { submitPeerReview(input: {reviewId: $r, scores: $s, comment: $c}) {
          review { id state } errors { code } } }
        """;

    private const string Mine = """
        query($a: ID!, $i: [_Any!]!) {
          attempt(id: $a) { state score passed peerReviews { byStaff comment scores { criterionId points } } }
          _entities(representations: $i) { ... on Item { assessment { viewerPeerReview { reviewsGiven reviewsToGive }
            viewerGrade { score passed } } } } }
        """;

    private const string Instructions = "Write a short essay on why the sky is blue.";

    private static readonly object[] Rubric =
    [
        new { id = "clarity", title = "Clarity", levels = new[] { new { points = 0.0, label = "Unclear" }, new { points = 1.0, label = "Mostly clear" }, new { points = 2.0, label = "Clear" } } },
        new { id = "physics", title = "Physics", levels = new[] { new { points = 0.0, label = "Wrong" }, new { points = 5.0, label = "Partly" }, new { points = 10.0, label = "Right" } } },
    ];

    [Fact]
    public async Task A_grade_is_the_median_per_criterion_and_shows_once_its_learner_has_reviewed_others()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, itemId) = await app.PublishCourseAsync("PEER_REVIEW");
        await CreateAsync(partner, itemId, new { instructions = Instructions, rubric = Rubric, reviewsRequired = 3, reviewsToGive = 4 });
        var learners = new Dictionary<string, Learner>();
        foreach (var name in new[] { "ada", "ben", "cy", "dee" })
        {
            learners[name] = await JoinAsync(courseId);
        }

        // The honour code first; then the work is out for review.
        var ada = learners["ada"];
        var adaAttempt = await StartAsync(ada.Client, itemId);
        Assert.Equal("HONOUR_CODE_REQUIRED", Refusal(await ada.Client.PostAsync(Submit, new { a = adaAttempt, t = "work of ada" }), "submitAttempt"));
        Assert.Equal("NOT_SUBMITTED", Refusal(await ada.Client.PostAsync(Request, new { i = itemId }), "requestPeerReview"));
        var submitted = Accepted(await ada.Client.PostAsync(Submit, new { a = adaAttempt, t = "work of ada", h = 1 }))["submitAttempt"]!["attempt"]!;
        Assert.Equal("IN_REVIEW", submitted["state"]!.GetValue<string>());
        Assert.NotNull(submitted["honourCodeAcceptedAt"]);
        var attempts = new Dictionary<string, string> { ["ada"] = adaAttempt };
        foreach (var name in new[] { "ben", "cy", "dee" })
        {
            attempts[name] = await StartAsync(learners[name].Client, itemId);
            Accepted(await learners[name].Client.PostAsync(Submit, new { a = attempts[name], t = $"work of {name}", h = 1 }));
        }

        // Each reviewer judges what they are handed by its text alone (they never learn whose it is).
        var points = new Dictionary<(string Reviewer, string Work), (double Clarity, double Physics)>
        {
            [("ben", "ada")] = (2, 10), [("cy", "ada")] = (0, 5), [("dee", "ada")] = (2, 0),
        };
        foreach (var name in new[] { "ben", "cy", "dee" })
        {
            var reviewed = await ReviewAllAsync(learners[name], itemId, name, points);
            Assert.Equal(3, reviewed.Count); // every other submission, never their own
            Assert.DoesNotContain(name, reviewed);
        }

        // Ada's work has its three reviews, but she has given none: her grade waits for her.
        var before = (await ada.Client.PostAsync(Mine, new { a = adaAttempt, i = Representation(itemId) })).Ok();
        Assert.Equal("IN_REVIEW", before["attempt"]!["state"]!.GetValue<string>());
        Assert.Empty(before["attempt"]!["peerReviews"]!.AsArray());
        Assert.Null(before["_entities"]![0]!["assessment"]!["viewerGrade"]);
        Assert.Equal(0, before["_entities"]![0]!["assessment"]!["viewerPeerReview"]!["reviewsGiven"]!.GetValue<int>());

        await ReviewAllAsync(ada, itemId, "ada", points);
        var after = (await ada.Client.PostAsync(Mine, new { a = adaAttempt, i = Representation(itemId) })).Ok();
        Assert.Equal("GRADED", after["attempt"]!["state"]!.GetValue<string>());
        Assert.Equal(7.0 / 12, after["attempt"]!["score"]!.GetValue<double>(), 6); // medians 2 (of 2, 0, 2) and 5 (of 10, 5, 0), of 12
        Assert.True(after["attempt"]!["passed"]!.GetValue<bool>());
        Assert.Equal(3, after["attempt"]!["peerReviews"]!.AsArray().Count);
        Assert.Equal(7.0 / 12, after["_entities"]![0]!["assessment"]!["viewerGrade"]!["score"]!.GetValue<double>(), 6);

        // Everyone reviewed everyone else: every submission is graded.
        foreach (var name in new[] { "ben", "cy", "dee" })
        {
            var theirs = (await learners[name].Client.PostAsync(Mine, new { a = attempts[name], i = Representation(itemId) })).Ok();
            Assert.Equal("GRADED", theirs["attempt"]!["state"]!.GetValue<string>());
        }

    }

    [Fact]
    public async Task Twenty_learners_submitting_and_reviewing_as_they_come_all_get_a_grade()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, itemId) = await app.PublishCourseAsync("PEER_REVIEW");
        await CreateAsync(partner, itemId, new { instructions = Instructions, rubric = Rubric, reviewsRequired = 3, reviewsToGive = 4 });
        var learners = new List<(Learner Learner, string Attempt)>();

        // Each learner submits and at once reviews what there is: the first ones find little or nothing to review.
        for (var i = 0; i < 20; i++)
        {
            var learner = await JoinAsync(courseId);
            var attempt = await StartAsync(learner.Client, itemId);
            Accepted(await learner.Client.PostAsync(Submit, new { a = attempt, t = $"work {i}", h = 1 }));
            await ReviewAllAsync(learner, itemId, $"learner {i}", new Dictionary<(string, string), (double, double)>(), limit: 4);
            learners.Add((learner, attempt));
        }

        // Then they come back once to finish their reviews.
        foreach (var (learner, _) in learners)
        {
            await ReviewAllAsync(learner, itemId, "again", new Dictionary<(string, string), (double, double)>(), limit: 4);
        }

        foreach (var (learner, attempt) in learners)
        {
            var theirs = (await learner.Client.PostAsync(Mine, new { a = attempt, i = Representation(itemId) })).Ok();
            Assert.Equal("GRADED", theirs["attempt"]!["state"]!.GetValue<string>());
            Assert.InRange(theirs["attempt"]!["peerReviews"]!.AsArray().Count, 3, 19);
        }
    }

    [Fact]
    public async Task Work_without_enough_reviews_is_graded_with_what_it_has_after_the_relax_time_and_staff_review_the_rest()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (courseId, itemId) = await app.PublishCourseAsync("PEER_REVIEW");
        await CreateAsync(partner, itemId, new { instructions = Instructions, rubric = Rubric, reviewsRequired = 3, reviewsToGive = 4, relaxAfterHours = 24.0 });
        var eve = await JoinAsync(courseId);
        var fay = await JoinAsync(courseId);
        var eveAttempt = await StartAsync(eve.Client, itemId);
        Accepted(await eve.Client.PostAsync(Submit, new { a = eveAttempt, t = "work of eve", h = 1 }));
        var fayAttempt = await StartAsync(fay.Client, itemId);
        Accepted(await fay.Client.PostAsync(Submit, new { a = fayAttempt, t = "work of fay", h = 1 }));
        await ReviewAllAsync(fay, itemId, "fay", new Dictionary<(string, string), (double, double)> { [("fay", "eve")] = (1, 10) });

        // One review of three: Eve's work waits until the relax time, then is graded with it.
        const string State = "query($a: ID!) { attempt(id: $a) { state score } }";
        Assert.Equal("IN_REVIEW", (await eve.Client.PostAsync(State, new { a = eveAttempt })).Ok()["attempt"]!["state"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromHours(25));
        await Eventually(async () => (await eve.Client.PostAsync(State, new { a = eveAttempt })).Ok()["attempt"]!["state"]!.GetValue<string>() == "GRADED");
        Assert.Equal(11.0 / 12, (await eve.Client.PostAsync(State, new { a = eveAttempt })).Ok()["attempt"]!["score"]!.GetValue<double>(), 6);

        // Fay's work has no review at all: it is in the staff queue (the authors' only), and a staff review grades it.
        const string Queue = "query($i: [_Any!]!) { _entities(representations: $i) { ... on Item { assessment { peerReviewQueue { attemptId text reviews { byStaff } } } } } }";
        Assert.Null((await fay.Client.PostAsync(Queue, new { i = Representation(itemId) })).Ok()["_entities"]![0]!["assessment"]!["peerReviewQueue"]);
        var queue = (await partner.PostAsync(Queue, new { i = Representation(itemId) })).Ok()["_entities"]![0]!["assessment"]!["peerReviewQueue"]!.AsArray();
        Assert.Equal([fayAttempt], queue.Select(s => s!["attemptId"]!.GetValue<string>()));
        Assert.Equal("work of fay", queue[0]!["text"]!.GetValue<string>());

        const string Staff = """
            mutation($a: ID!) { reviewSubmission(input: {attemptId: $a, scores: [{criterionId: "clarity", points: 2}, {criterionId: "physics", points: 5}], comment: "Good start"}) {
              submission { state score } errors { code } } }
            """;
        Assert.Equal("FORBIDDEN", (await fay.Client.PostAsync(Staff, new { a = fayAttempt })).ErrorCode());
        var graded = Accepted(await partner.PostAsync(Staff, new { a = fayAttempt }))["reviewSubmission"]!["submission"]!;
        Assert.Equal("GRADED", graded["state"]!.GetValue<string>());
        Assert.Equal(7.0 / 12, graded["score"]!.GetValue<double>(), 6);
        var reviews = (await fay.Client.PostAsync(Mine, new { a = fayAttempt, i = Representation(itemId) })).Ok()["attempt"]!["peerReviews"]!.AsArray();
        Assert.True(Assert.Single(reviews)!["byStaff"]!.GetValue<bool>());
    }

    private sealed record Learner(Guid Id, GraphQLHttpClient Client);

    private async Task<Learner> JoinAsync(Guid courseId)
    {
        var (id, client) = await app.EnrolledLearnerAsync(courseId);
        return new Learner(id, client);
    }

    private static async Task<string> CreateAsync(GraphQLHttpClient partner, Guid itemId, object setup)
    {
        JsonNode? created = null;
        await Eventually(async () =>
        {
            created = (await partner.PostAsync(Create, new { i = itemId, r = setup })).Ok()["createAssessment"];
            return created!["errors"]!.AsArray().Count == 0;
        });
        var id = created!["assessment"]!["id"]!.GetValue<string>();
        Assert.Equal(1, created["assessment"]!["peerReview"]!["honourCode"]!["version"]!.GetValue<int>());
        await PublishAsync(partner, id);
        return id;
    }

    /// <summary>
    /// Reviews what the learner is handed until nothing is left (or <paramref name="limit"/> reviews): the points come
    /// from <paramref name="points"/> by the work's text ("work of X"), 1 and 5 otherwise. Returns whose work it was.
    /// </summary>
    private static async Task<List<string>> ReviewAllAsync(Learner learner, Guid itemId, string reviewer,
        Dictionary<(string Reviewer, string Work), (double Clarity, double Physics)> points, int limit = 100)
    {
        var reviewed = new List<string>();
        while (reviewed.Count < limit)
        {
            var requested = (await learner.Client.PostAsync(Request, new { i = itemId })).Ok()["requestPeerReview"]!;
            if (requested["errors"]!.AsArray().Count > 0)
            {
                Assert.Equal("NOTHING_TO_REVIEW", requested["errors"]![0]!["code"]!.GetValue<string>());
                break;
            }

            var task = requested["review"]!;
            var work = task["text"]!.GetValue<string>().Replace("work of ", "", StringComparison.Ordinal);
            var (clarity, physics) = points.GetValueOrDefault((reviewer, work), (1, 5));
            Assert.Equal("INVALID_REVIEW", Refusal(await learner.Client.PostAsync(Review, new
            {
                r = task["id"]!.GetValue<string>(), s = new[] { new { criterionId = "clarity", points = 3.0 }, new { criterionId = "physics", points = 5.0 } },
            }), "submitPeerReview"));
            Assert.Equal("COMPLETED", Accepted(await learner.Client.PostAsync(Review, new
            {
                r = task["id"]!.GetValue<string>(), s = new[] { new { criterionId = "clarity", points = clarity }, new { criterionId = "physics", points = physics } }, c = "Thanks",
            }))["submitPeerReview"]!["review"]!["state"]!.GetValue<string>());
            reviewed.Add(work);
        }

        return reviewed;
    }
}
