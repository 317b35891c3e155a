using System.Text.Json.Nodes;
using Coursera.Events;
using Coursera.Learner.Enrollments;
using Coursera.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// The learning records an organization's learning system pulls: every change to the enterprise enrollments it pays
/// for (enrollment, progress, grade, completion, session and track changes, expiry) and tombstones for withdrawals
/// and erased accounts, each after the real operation, in order, resumable by cursor, and nothing of anyone else's learning.
/// </summary>
public sealed class LearningRecordTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    public const string Feed = """
        query($o: ID!, $s: DateTime, $a: String, $f: Int) { learningRecords(organizationId: $o, updatedSince: $s, after: $a, first: $f) {
          cursor hasMore records { cursor kind deleted enrollmentId learnerId externalId email courseId sessionId track state progress itemId itemState score
            completedAt occurredAt } } }
        """;

    private const string Record = "mutation($i: ID!, $e: ProgressEvent!, $p: Float) { recordProgress(input: {itemId: $i, event: $e, positionSeconds: $p}) { errors { code } } }";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task Each_change_of_a_members_enterprise_learning_is_a_record_from_enrollment_to_erasure()
    {
        var graded = await _path.PublishCourseAsync("records-graded", gradedQuiz: true);
        var dropped = await _path.PublishCourseAsync("records-dropped");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var start = (await ReadToEndAsync(admin, organizationId)).Cursor;
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Records", graded.Id, dropped.Id);
        // Ann signs in through the learner app with the scope that lets her erase her account later.
        var newcomer = await NewLearner.CreateAsync(platform.Services);
        var ann = platform.Gateway((await platform.SignInAsync(newcomer.Email, LearnerScopes + " personal_data", Identity.Data.SampleTenants.LearnerAppClientId,
            password: newcomer.Password)).Access());
        var annId = newcomer.Id;
        await SampleOrganization.AddMemberAsync(admin, programId, ann, annId, "HR-7", "ann@acme.example");

        // The organization enrolls Ann in both courses in bulk; Bo audits the graded course on his own.
        await BulkEnrollAsync(admin, programId, "records", new { learnerId = annId, courseId = graded.Id }, new { learnerId = annId, courseId = dropped.Id });
        var (bo, boId) = await platform.NewLearnerAsync();
        await EnrollAsync(bo, graded, "AUDIT");
        Accepted(await bo.PostAsync(Record, new { i = graded.Lecture, e = "COMPLETED" }));

        // Progress: a rise of the item's level is a record; a video position, or a late STARTED, changes nothing.
        Accepted(await ann.PostAsync(Record, new { i = graded.Lecture, e = "STARTED" }));
        Accepted(await ann.PostAsync(Record, new { i = graded.Lecture, e = "VIDEO_POSITION", p = 30.0 }));
        Accepted(await ann.PostAsync(Record, new { i = graded.Lecture, e = "COMPLETED" }));
        Accepted(await ann.PostAsync(Record, new { i = graded.Lecture, e = "STARTED" }));

        // Grades come from the assessment service: a failing one, a passing one that completes the course, then a
        // worse attempt that changes nothing.
        await PostGradeAsync(annId, graded, 0.4, passed: false);
        await Eventually(async () => (await ReadToEndAsync(admin, organizationId, start)).Records.Any(r => r["kind"]!.GetValue<string>() == "GRADE"));
        await PostGradeAsync(annId, graded, 0.9, passed: true);
        await Eventually(async () => (await ReadToEndAsync(admin, organizationId, start)).Records.Any(r => r["kind"]!.GetValue<string>() == "COMPLETION"));
        var worse = await PostGradeAsync(annId, graded, 0.2, passed: false);
        await Eventually(async () => await InboxCountAsync(worse.Id) == 1);

        var enrollments = (await ann.PostAsync("{ viewer { enrollments(first: 10) { nodes { id course { id } } } } }")).Ok()["viewer"]!["enrollments"]!["nodes"]!.AsArray();
        var gradedEnrollment = enrollments.Single(e => e!["course"]!["id"]!.GetValue<string>() == graded.Id)!["id"]!.GetValue<string>();
        var droppedEnrollment = enrollments.Single(e => e!["course"]!["id"]!.GetValue<string>() == dropped.Id)!["id"]!.GetValue<string>();
        Accepted(await ann.PostAsync("mutation($e: ID!) { withdraw(input: {enrollmentId: $e}) { errors { code } } }", new { e = droppedEnrollment }));

        var before = (await ReadToEndAsync(admin, organizationId, start)).Records;
        var changes = before.Select(r => (r["kind"]!.GetValue<string>(), r["enrollmentId"]!.GetValue<string>(), r["itemState"]?.GetValue<string>(),
            r["score"]?.GetValue<double>())).ToList();
        Assert.Equal(new HashSet<(string, string, string?, double?)> { ("ENROLLMENT", gradedEnrollment, null, null), ("ENROLLMENT", droppedEnrollment, null, null) },
            changes.Take(2).ToHashSet()); // the bulk job's rows commit together
        Assert.Equal(
            [
                ("PROGRESS", gradedEnrollment, "STARTED", null), ("PROGRESS", gradedEnrollment, "COMPLETED", null),
                ("GRADE", gradedEnrollment, "COMPLETED", 0.4), ("GRADE", gradedEnrollment, "PASSED", 0.9), ("COMPLETION", gradedEnrollment, null, null),
                ("WITHDRAWAL", droppedEnrollment, null, null),
            ],
            changes.Skip(2));
        Assert.All(before, r =>
        {
            Assert.Equal(annId.ToString(), r["learnerId"]!.GetValue<string>());
            Assert.Equal("HR-7", r["externalId"]!.GetValue<string>());
            Assert.Equal("ann@acme.example", r["email"]!.GetValue<string>());
            Assert.Equal("ENTERPRISE", r["track"]!.GetValue<string>());
        });
        Assert.Equal([0, 0, 0, 0.5, 0.5, 1, 1, 0], before.Select(r => r["progress"]!.GetValue<double>())); // the share complete after each change
        Assert.Equal([graded.Lecture, graded.Lecture, graded.Quiz, graded.Quiz], before.Where(r => r["itemId"] is not null).Select(r => r["itemId"]!.GetValue<string>()));
        var completion = before.Single(r => r["kind"]!.GetValue<string>() == "COMPLETION");
        Assert.Equal("COMPLETED", completion["state"]!.GetValue<string>());
        Assert.NotNull(completion["completedAt"]);
        var withdrawal = before.Single(r => r["kind"]!.GetValue<string>() == "WITHDRAWAL");
        Assert.True(withdrawal["deleted"]!.GetValue<bool>());
        Assert.Equal("WITHDRAWN", withdrawal["state"]!.GetValue<string>());
        Assert.DoesNotContain(before, r => r["deleted"]!.GetValue<bool>() && r != withdrawal);

        // Ann erases her account: her records keep what she learned, without who she is, and each enrollment gets a tombstone.
        Accepted(await ann.PostAsync("mutation { eraseAccount(input: {}) { errors { code } } }"));
        var after = (await ReadToEndAsync(admin, organizationId, start)).Records;
        Assert.Equal(before.Count + 2, after.Count);
        Assert.All(after, r =>
        {
            Assert.Null(r["learnerId"]);
            Assert.Null(r["externalId"]);
            Assert.Null(r["email"]);
        });
        Assert.Equal(before.Select(r => r["cursor"]!.GetValue<string>()), after.Take(before.Count).Select(r => r["cursor"]!.GetValue<string>()));
        var tombstones = after.Skip(before.Count).ToList();
        Assert.All(tombstones, r =>
        {
            Assert.Equal("ERASURE", r["kind"]!.GetValue<string>());
            Assert.True(r["deleted"]!.GetValue<bool>());
        });
        Assert.Equal(new[] { droppedEnrollment, gradedEnrollment }.Order(), tombstones.Select(r => r["enrollmentId"]!.GetValue<string>()).Order());

        // Bo's own learning was never the organization's business.
        Assert.All(after, r => Assert.Contains(r["enrollmentId"]!.GetValue<string>(), new[] { gradedEnrollment, droppedEnrollment }));
        Assert.NotEqual(Guid.Empty, boId);
    }

    [Fact]
    public async Task A_members_own_enterprise_enrollment_its_session_change_expiry_and_the_end_of_its_payment_are_records()
    {
        var kept = await _path.PublishCourseAsync("records-session");
        var released = await _path.PublishCourseAsync("records-released");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var start = (await ReadToEndAsync(admin, organizationId)).Cursor;
        var (ana, anaId) = await _path.LearnerAsync();
        var keptProgram = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Kept", kept.Id);
        var releasedProgram = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Released", released.Id);
        foreach (var program in new[] { keptProgram, releasedProgram })
        {
            await SampleOrganization.AddMemberAsync(admin, program, ana, anaId, "HR-1");
        }

        // Ana enrolls herself on the ENTERPRISE track, then moves to a short session of the course.
        var keptEnrollment = await EnrollAsync(ana, kept, "ENTERPRISE");
        var releasedEnrollment = await EnrollAsync(ana, released, "ENTERPRISE");
        var now = DateTime.UtcNow;
        var shortSession = Accepted(await (await _path.PartnerAsync()).PostAsync(
            "mutation($c: ID!, $o: DateTime!, $x: DateTime!, $s: DateTime!, $e: DateTime!) { createCourseSession(input: {courseId: $c, enrollmentOpensAt: $o, enrollmentClosesAt: $x, startsAt: $s, endsAt: $e}) { courseSession { id } errors { code } } }",
            new { c = kept.Id, o = now.AddDays(-1), x = now.AddHours(12), s = now.AddHours(-1), e = now.AddDays(1) }))["createCourseSession"]!["courseSession"]!["id"]!.GetValue<string>();
        await Eventually(async () => (await ana.PostAsync("mutation($e: ID!, $s: ID!) { switchSession(input: {enrollmentId: $e, sessionId: $s}) { errors { code } } }",
            new { e = keptEnrollment, s = shortSession })).Ok()["switchSession"]!["errors"]!.AsArray().Count == 0);

        // The short session ends: the enrollment expires.
        Assert.Equal(1, await platform.Services.GetRequiredService<EnrollmentExpiry>().ExpireDueAsync(now.AddDays(2), CancellationToken.None));

        // Ana leaves the second program: the organization stops paying (AUDIT), and hears nothing of that course after.
        Accepted(await admin.PostAsync("mutation($p: ID!, $u: ID!) { removeProgramMembers(input: {programId: $p, members: [{userId: $u}]}) { errors { code } } }",
            new { p = releasedProgram, u = anaId }));
        Accepted(await ana.PostAsync(Record, new { i = released.Lecture, e = "COMPLETED" }));

        var records = (await ReadToEndAsync(admin, organizationId, start)).Records;
        Assert.Equal(
            [
                (keptEnrollment, "ENROLLMENT", kept.OpenSessionId, "ACTIVE", "ENTERPRISE"), (releasedEnrollment, "ENROLLMENT", released.OpenSessionId, "ACTIVE", "ENTERPRISE"),
                (keptEnrollment, "ENROLLMENT", shortSession, "ACTIVE", "ENTERPRISE"), (keptEnrollment, "ENROLLMENT", shortSession, "EXPIRED", "ENTERPRISE"),
                (releasedEnrollment, "ENROLLMENT", released.OpenSessionId, "ACTIVE", "AUDIT"),
            ],
            records.Select(r => (r["enrollmentId"]!.GetValue<string>(), r["kind"]!.GetValue<string>(), r["sessionId"]!.GetValue<string>(), r["state"]!.GetValue<string>(),
                r["track"]!.GetValue<string>())));
        Assert.All(records, r =>
        {
            Assert.Equal(anaId, r["learnerId"]!.GetValue<string>());
            Assert.Equal("HR-1", r["externalId"]!.GetValue<string>());
            Assert.Null(r["email"]); // added by user id: the organization gave no email
            Assert.False(r["deleted"]!.GetValue<bool>());
        });
    }

    [Fact]
    public async Task The_feed_pages_in_order_resumes_after_a_cursor_starts_at_a_time_and_refuses_a_malformed_cursor()
    {
        var course = await _path.PublishCourseAsync("records-paging");
        var (admin, organizationId) = await SampleOrganization.AdministratorAsync(platform);
        var programId = await SampleOrganization.CreateProgramAsync(admin, organizationId, "Paging", course.Id);
        var learners = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var (learner, id) = await platform.NewLearnerAsync();
            await SampleOrganization.AddMemberAsync(admin, programId, learner, id); // the organization enrolls its joined members only
            learners.Add(id);
        }

        for (var i = 0; i < learners.Count; i++)
        {
            await BulkEnrollAsync(admin, programId, $"paging-{i}", new { learnerId = learners[i], courseId = course.Id }); // one job, one commit each
        }

        var all = await ReadToEndAsync(admin, organizationId);
        var mine = all.Records.Where(r => learners.Any(l => l.ToString() == r["learnerId"]?.GetValue<string>())).ToList();
        Assert.Equal(learners.Select(l => l.ToString()), mine.Select(r => r["learnerId"]!.GetValue<string>())); // oldest first
        Assert.Equal(all.Records[^1]["cursor"]!.GetValue<string>(), all.Cursor);

        // Pages of three: the same records, each page's cursor its last record's, hasMore until the end.
        var pages = new List<JsonNode>();
        string? after = null;
        while (true)
        {
            var page = (await admin.PostAsync(Feed, new { o = organizationId, a = after, f = 3 })).Ok()["learningRecords"]!;
            var records = page["records"]!.AsArray();
            Assert.InRange(records.Count, 1, 3);
            Assert.Equal(records[^1]!["cursor"]!.GetValue<string>(), page["cursor"]!.GetValue<string>());
            pages.AddRange(records.Select(r => r!));
            after = page["cursor"]!.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                break;
            }
        }

        Assert.Equal(all.Records.Select(r => r["cursor"]!.GetValue<string>()), pages.Select(r => r["cursor"]!.GetValue<string>()));

        // Resuming after the last cursor: nothing new, and the cursor to keep is the one given; a new change comes next.
        var idle = (await admin.PostAsync(Feed, new { o = organizationId, a = all.Cursor })).Ok()["learningRecords"]!;
        Assert.Empty(idle["records"]!.AsArray());
        Assert.False(idle["hasMore"]!.GetValue<bool>());
        Assert.Equal(all.Cursor, idle["cursor"]!.GetValue<string>());
        var (lateLearner, late) = await platform.NewLearnerAsync();
        await SampleOrganization.AddMemberAsync(admin, programId, lateLearner, late);
        await BulkEnrollAsync(admin, programId, "paging-late", new { learnerId = late, courseId = course.Id });
        var next = (await admin.PostAsync(Feed, new { o = organizationId, a = all.Cursor })).Ok()["learningRecords"]!;
        Assert.Equal(late.ToString(), Assert.Single(next["records"]!.AsArray())!["learnerId"]!.GetValue<string>());

        // updatedSince starts at the first record (in feed order) that occurred at or after it, and goes on from there; after wins
        // over it; a time to come gives nothing. (Other tests' records may be in the feed: the expiry test's occurred days ahead.)
        var third = mine[2];
        var since = (await admin.PostAsync(Feed, new { o = organizationId, s = third["occurredAt"]!.GetValue<string>() })).Ok()["learningRecords"]!["records"]!.AsArray();
        var expected = all.Records.SkipWhile(r => r["occurredAt"]!.GetValue<DateTime>() < third["occurredAt"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(expected.Select(r => r["cursor"]!.GetValue<string>()), since.Take(expected.Count).Select(r => r!["cursor"]!.GetValue<string>()));
        Assert.Contains(third["cursor"]!.GetValue<string>(), since.Select(r => r!["cursor"]!.GetValue<string>()));
        var both = (await admin.PostAsync(Feed, new { o = organizationId, s = third["occurredAt"]!.GetValue<string>(), a = mine[4]["cursor"]!.GetValue<string>() }))
            .Ok()["learningRecords"]!;
        Assert.Equal(mine[5]["cursor"]!.GetValue<string>(), both["records"]![0]!["cursor"]!.GetValue<string>());
        var future = (await admin.PostAsync(Feed, new { o = organizationId, s = DateTime.UtcNow.AddYears(1) })).Ok()["learningRecords"]!;
        Assert.Empty(future["records"]!.AsArray());
        Assert.Null(future["cursor"]);

        // first is kept within 1 to 1000.
        Assert.Single((await admin.PostAsync(Feed, new { o = organizationId, f = 0 })).Ok()["learningRecords"]!["records"]!.AsArray());
        Assert.Equal(all.Records.Count + 1, (await admin.PostAsync(Feed, new { o = organizationId, f = 5000 })).Ok()["learningRecords"]!["records"]!.AsArray().Count);

        // A cursor the feed did not make is the client's error.
        var enrollmentsCursor = Coursera.Subgraphs.Connections.Cursor.Create("e", Guid.CreateVersion7()).ToString();
        foreach (var bad in new[] { "not-a-cursor", enrollmentsCursor, Coursera.Subgraphs.Connections.Cursor.Create("lr", "-1").ToString() })
        {
            Assert.Equal("BAD_USER_INPUT", (await admin.PostAsync(Feed, new { o = organizationId, a = bad })).ErrorCode());
        }
    }

    /// <summary>Every record after <paramref name="after"/>, page by page, and the cursor to resume from.</summary>
    public static async Task<(List<JsonNode> Records, string? Cursor)> ReadToEndAsync(GraphQLHttpClient reader, string organizationId, string? after = null)
    {
        var records = new List<JsonNode>();
        while (true)
        {
            var page = (await reader.PostAsync(Feed, new { o = organizationId, a = after, f = 1000 })).Ok()["learningRecords"]!;
            records.AddRange(page["records"]!.AsArray().Select(r => r!));
            after = page["cursor"]?.GetValue<string>();
            if (!page["hasMore"]!.GetValue<bool>())
            {
                return (records, after);
            }
        }
    }

    private static async Task BulkEnrollAsync(GraphQLHttpClient admin, string programId, string key, params object[] rows)
    {
        var jobId = Accepted(await admin.PostAsync(
            "mutation($p: ID!, $k: String!, $r: [BulkEnrollmentRowInput!]!) { bulkEnroll(input: {programId: $p, idempotencyKey: $k, rows: $r}) { job { id } errors { code } } }",
            new { p = programId, k = key, r = rows }))["bulkEnroll"]!["job"]!["id"]!.GetValue<string>();
        JsonNode job = null!;
        await Eventually(async () => (job = (await admin.PostAsync("query($id: ID!) { bulkEnrollmentJob(id: $id) { state succeeded failed } }", new { id = jobId }))
            .Ok()["bulkEnrollmentJob"]!)["state"]!.GetValue<string>() == "DONE");
        Assert.Equal(rows.Length, job["succeeded"]!.GetValue<int>());
    }

    private static async Task<string> EnrollAsync(GraphQLHttpClient learner, PublishedCourse course, string track) =>
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = track }))["enroll"]!["enrollment"]!["id"]!.GetValue<string>();

    private async Task<EventEnvelope> PostGradeAsync(Guid learnerId, PublishedCourse course, double score, bool passed)
    {
        var grade = EventEnvelope.Create("grade.posted", "assessment", course.Quiz,
            new { gradeId = Guid.CreateVersion7(), learnerId, courseId = course.Id, itemId = course.Quiz, score, passed, gradedAt = DateTime.UtcNow }, DateTime.UtcNow);
        await platform.PublishAsync(grade);
        return grade;
    }

    private async Task<long> InboxCountAsync(Guid eventId)
    {
        await using var db = new Npgsql.NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT count(*) FROM learner.inbox WHERE event_id = $1", db) { Parameters = { new() { Value = eventId } } };
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
