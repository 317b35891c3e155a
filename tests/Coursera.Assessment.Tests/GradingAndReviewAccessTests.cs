using Coursera.Testing;
using static Coursera.Assessment.Tests.ProgrammingAssignmentTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>
/// Who may call the grading and peer-review operations, one row per caller and operation: grading jobs are for API
/// clients with grading:work (a partner's client sees only its courses' jobs), reviews for learners with their own
/// review, staff reviews and the staff queue for the course's authors.
/// </summary>
public sealed class GradingAndReviewAccessTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    private const string Job = "mutation($j: ID!, $t: String!) { completeGradingJob(input: {jobId: $j, leaseToken: $t, fractionalScore: 1, feedback: \"mine\"}) { errors { code } } }";
    private const string GiveBack = "mutation($j: ID!, $t: String!) { failGradingJob(input: {jobId: $j, leaseToken: $t, error: \"mine\"}) { errors { code } } }";
    private const string RequestReview = "mutation($i: ID!) { requestPeerReview(input: {itemId: $i}) { review { id } errors { code } } }";
    private const string Review = "mutation($r: ID!) { submitPeerReview(input: {reviewId: $r, scores: [{criterionId: \"c1\", points: 1}]}) { review { id } errors { code } } }";
    private const string StaffReview = "mutation($a: ID!) { reviewSubmission(input: {attemptId: $a, scores: [{criterionId: \"c1\", points: 1}]}) { submission { state } errors { code } } }";
    private const string Staff = "query($i: [_Any!]!) { _entities(representations: $i) { ... on Item { assessment { grader { script } peerReviewQueue { attemptId } } } } }";

    [Fact]
    public async Task Grading_jobs_reviews_and_the_staff_queue_answer_only_those_they_are_for()
    {
        var (_, _, owner) = await app.ClientsAsync();
        var otherPartner = await app.PartnerClientAsync("northfield");
        var catalogOnly = await app.PartnerClientAsync("kings-bridge", "catalog:write");
        var anonymous = new GraphQLHttpClient(app.CreateClient());

        // A programming submission waiting for its grader.
        var (assignmentCourse, assignment) = await app.PublishCourseAsync("ASSIGNMENT");
        var (_, coder) = await app.EnrolledLearnerAsync(assignmentCourse);
        await PublishAsync(owner, await CreateAsync(owner, assignment, maxAttempts: 2));
        var coderAttempt = await StartAsync(coder, assignment);
        Accepted(await coder.PostAsync(Submit, new { a = coderAttempt, f = new[] { new { name = "solution.py", content = "def add(a, b): return a + b\n" } } }));

        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(Lease, new { s = 60 })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await coder.PostAsync(Lease, new { s = 60 })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await catalogOnly.PostAsync(Lease, new { s = 60 })).ErrorCode());
        Assert.Null(Accepted(await otherPartner.PostAsync(Lease, new { s = 60 }))["leaseGradingJob"]!["job"]); // not its course's job
        var job = Accepted(await owner.PostAsync(Lease, new { s = 60 }))["leaseGradingJob"]!["job"]!; // the course's partner runs its own grader
        var (jobId, token) = (job["id"]!.GetValue<string>(), job["leaseToken"]!.GetValue<string>());
        foreach (var mutation in new[] { Job, GiveBack })
        {
            Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(mutation, new { j = jobId, t = token })).ErrorCode());
            Assert.Equal("FORBIDDEN", (await coder.PostAsync(mutation, new { j = jobId, t = token })).ErrorCode());
            Assert.Equal("JOB_NOT_FOUND", (await otherPartner.PostAsync(mutation, new { j = jobId, t = token })).Ok().AsObject().Single().Value!["errors"]![0]!["code"]!.GetValue<string>());
        }

        Assert.Null((await otherPartner.PostAsync(Staff, new { i = Representation(assignment) })).Ok()["_entities"]![0]!["assessment"]!["grader"]!["script"]);
        Assert.NotNull((await owner.PostAsync(Staff, new { i = Representation(assignment) })).Ok()["_entities"]![0]!["assessment"]!["grader"]!["script"]);

        // Peer review: two learners' work, one review handed out.
        var (reviewCourse, essay) = await app.PublishCourseAsync("PEER_REVIEW");
        await PublishAsync(owner, await PeerReviewAsync(owner, essay));
        var (_, ann) = await app.EnrolledLearnerAsync(reviewCourse);
        var (_, bo) = await app.EnrolledLearnerAsync(reviewCourse);
        var (_, cy) = await app.EnrolledLearnerAsync(reviewCourse);
        var annAttempt = await StartAsync(ann, essay);
        Accepted(await ann.PostAsync("mutation($a: ID!) { submitAttempt(input: {attemptId: $a, text: \"Ann's essay\", honourCodeVersion: 1}) { errors { code } } }", new { a = annAttempt }));
        var boAttempt = await StartAsync(bo, essay);
        Accepted(await bo.PostAsync("mutation($a: ID!) { submitAttempt(input: {attemptId: $a, text: \"Bo's essay\", honourCodeVersion: 1}) { errors { code } } }", new { a = boAttempt }));
        var review = Accepted(await bo.PostAsync(RequestReview, new { i = essay }))["requestPeerReview"]!["review"]!["id"]!.GetValue<string>();

        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(RequestReview, new { i = essay })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await owner.PostAsync(RequestReview, new { i = essay })).ErrorCode()); // an API client reviews nothing
        Assert.Equal("NOT_SUBMITTED", Refusal(await cy.PostAsync(RequestReview, new { i = essay }), "requestPeerReview"));
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(Review, new { r = review })).ErrorCode());
        Assert.Equal("REVIEW_NOT_FOUND", Refusal(await ann.PostAsync(Review, new { r = review }), "submitPeerReview")); // Bo's review, not hers
        Assert.Equal("UNAUTHENTICATED", (await anonymous.PostAsync(StaffReview, new { a = annAttempt })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await otherPartner.PostAsync(StaffReview, new { a = annAttempt })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await bo.PostAsync(StaffReview, new { a = annAttempt })).ErrorCode());
        Assert.Null((await otherPartner.PostAsync(Staff, new { i = Representation(essay) })).Ok()["_entities"]![0]!["assessment"]!["peerReviewQueue"]);
        Assert.Null((await bo.PostAsync(Staff, new { i = Representation(essay) })).Ok()["_entities"]![0]!["assessment"]!["peerReviewQueue"]);
        Assert.NotNull((await owner.PostAsync(Staff, new { i = Representation(essay) })).Ok()["_entities"]![0]!["assessment"]!["peerReviewQueue"]);

        // Someone else's attempt, with its text and reviews, is not there for them.
        Assert.Null((await bo.PostAsync("query($a: ID!) { attempt(id: $a) { text peerReviews { comment } } }", new { a = annAttempt })).Ok()["attempt"]);
    }

    private static async Task<string> PeerReviewAsync(GraphQLHttpClient partner, Guid itemId)
    {
        string? id = null;
        await Eventually(async () =>
        {
            var created = (await partner.PostAsync("""
                mutation($i: ID!) { createAssessment(input: {itemId: $i, title: "Essay", peerReview: {instructions: "Write.", rubric: [
                  {id: "c1", title: "Content", levels: [{points: 0, label: "None"}, {points: 1, label: "Some"}]}]}}) { assessment { id } errors { code } } }
                """, new { i = itemId })).Ok()["createAssessment"]!;
            id = created["assessment"]?["id"]?.GetValue<string>();
            return id is not null;
        });
        return id!;
    }
}
