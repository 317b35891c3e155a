using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// Progress to completion through the gateway (catalog and learner federated), the certificate it earns on the PAID
/// track, and checking that certificate as a stranger would: with the published key, from the signed payload.
/// </summary>
public sealed class CompletionTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const string Record =
        "mutation($i: ID!, $e: ProgressEvent!, $p: Float) { recordProgress(input: {itemId: $i, event: $e, positionSeconds: $p}) { progress { state positionSeconds } enrollment { state } errors { code } } }";

    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task Completing_every_required_item_completes_the_enrollment_and_issues_a_certificate_anyone_can_verify()
    {
        var course = await _path.PublishCourseAsync("completed-course");
        var (learner, learnerId) = await _path.LearnerAsync();
        Accepted(await (await _path.PlatformAdminAsync()).PostAsync(
            "mutation($l: ID!, $c: ID!) { grantEntitlement(input: {learnerId: $l, courseId: $c}) { errors { code } } }", new { l = learnerId, c = course.Id }));
        var enrollmentId = Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "PAID" }))["enroll"]!["enrollment"]!["id"]!.GetValue<string>();

        Assert.Equal("NOT_ENROLLED", (await learner.PostAsync(Record, new { i = Guid.CreateVersion7(), e = "STARTED" })).Ok()["recordProgress"]!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("INVALID_POSITION", (await learner.PostAsync(Record, new { i = course.Lecture, e = "VIDEO_POSITION", p = -3 })).Ok()["recordProgress"]!["errors"]![0]!["code"]!.GetValue<string>());

        var watched = Accepted(await learner.PostAsync(Record, new { i = course.Lecture, e = "VIDEO_POSITION", p = 95.5 }))["recordProgress"]!;
        Assert.Equal("STARTED", watched["progress"]!["state"]!.GetValue<string>());
        Accepted(await learner.PostAsync(Record, new { i = course.Lecture, e = "VIDEO_POSITION", p = 40 })); // rewinding keeps the furthest point
        Accepted(await learner.PostAsync(Record, new { i = course.Lecture, e = "COMPLETED" }));
        var late = Accepted(await learner.PostAsync(Record, new { i = course.Lecture, e = "STARTED" }))["recordProgress"]!; // a late report undoes nothing
        Assert.Equal("COMPLETED", late["progress"]!["state"]!.GetValue<string>());
        Assert.Equal(95.5, late["progress"]!["positionSeconds"]!.GetValue<double>());

        // Half way: the course page through the gateway shows the catalog's outline with the learner's progress in it.
        const string Page = """
            query($c: ID!) { course(id: $c) { title viewerEnrollment { state progress { completedShare requiredItemCount nextItem { id } modules { completed } }
              certificate { code } } modules { items { id title viewerProgress { state } } } } }
            """;
        var page = (await learner.PostAsync(Page, new { c = course.Id })).Ok()["course"]!;
        Assert.Equal(0.5, page["viewerEnrollment"]!["progress"]!["completedShare"]!.GetValue<double>());
        Assert.Equal(course.Quiz, page["viewerEnrollment"]!["progress"]!["nextItem"]!["id"]!.GetValue<string>());
        Assert.False(page["viewerEnrollment"]!["progress"]!["modules"]![0]!["completed"]!.GetValue<bool>());
        var items = page["modules"]![0]!["items"]!.AsArray();
        Assert.Equal("COMPLETED", items.Single(i => i!["id"]!.GetValue<string>() == course.Lecture)!["viewerProgress"]!["state"]!.GetValue<string>());
        Assert.Null(items.Single(i => i!["id"]!.GetValue<string>() == course.Quiz)!["viewerProgress"]);

        // The last required item (the optional reading never done) completes the enrollment.
        var done = Accepted(await learner.PostAsync(Record, new { i = course.Quiz, e = "COMPLETED" }))["recordProgress"]!;
        Assert.Equal("COMPLETED", done["enrollment"]!["state"]!.GetValue<string>());
        page = (await learner.PostAsync(Page, new { c = course.Id })).Ok()["course"]!;
        Assert.Equal(1.0, page["viewerEnrollment"]!["progress"]!["completedShare"]!.GetValue<double>());
        var code = page["viewerEnrollment"]!["certificate"]!["code"]!.GetValue<string>();

        // Anyone can check it: no token, the published key, the signed payload.
        const string Check = """
            query($code: String!) { certificate(code: $code) { learnerName courseTitle course { title partner { name } } issuedAt revoked valid signedPayload signature keyId } }
            """;
        var certificate = (await platform.Gateway().PostAsync(Check, new { code })).Ok()["certificate"]!;
        Assert.Equal("Ana Learner", certificate["learnerName"]!.GetValue<string>());
        Assert.Equal("King's Bridge College London", certificate["course"]!["partner"]!["name"]!.GetValue<string>());
        Assert.True(certificate["valid"]!.GetValue<bool>());
        using var rsa = await PublishedKeyAsync(certificate["keyId"]!.GetValue<string>());
        var payload = certificate["signedPayload"]!.GetValue<string>();
        var signature = Base64Url(certificate["signature"]!.GetValue<string>());
        Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(payload), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal("Ana Learner", JsonNode.Parse(payload)!["learnerName"]!.GetValue<string>());

        // A tampered certificate does not verify: another name in the payload, or a changed row in the database.
        var forged = payload.Replace("Ana Learner", "Eve Forger", StringComparison.Ordinal);
        Assert.False(rsa.VerifyData(Encoding.UTF8.GetBytes(forged), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await using (var db = new NpgsqlConnection(platform.ConnectionString))
        {
            await db.OpenAsync();
            await using var tamper = new NpgsqlCommand("UPDATE learner.certificates SET learner_name = 'Eve Forger' WHERE code = $1", db);
            tamper.Parameters.Add(new NpgsqlParameter { Value = code });
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        Assert.False((await platform.Gateway().PostAsync(Check, new { code })).Ok()["certificate"]!["valid"]!.GetValue<bool>());

        // Each step was an event in the learner's outbox, in order, and every event the services wrote fits its schema.
        Assert.Equal(["enrollment.created", "enrollment.completed", "certificate.issued"], await EventTypesAsync(enrollmentId, code));
        await AssertEventsFitTheirSchemasAsync();
    }

    [Fact]
    public async Task A_revoked_certificate_says_so_and_only_administrators_revoke()
    {
        var course = await _path.PublishCourseAsync("revoked-course");
        var (learner, learnerId) = await _path.LearnerAsync();
        Accepted(await (await _path.PlatformAdminAsync()).PostAsync(
            "mutation($l: ID!, $c: ID!) { grantEntitlement(input: {learnerId: $l, courseId: $c}) { errors { code } } }", new { l = learnerId, c = course.Id }));
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "PAID" }));
        Accepted(await learner.PostAsync(Record, new { i = course.Lecture, e = "COMPLETED" }));
        Accepted(await learner.PostAsync(Record, new { i = course.Quiz, e = "COMPLETED" }));
        var code = (await learner.PostAsync("query($c: ID!) { course(id: $c) { viewerEnrollment { certificate { code } } } }", new { c = course.Id }))
            .Ok()["course"]!["viewerEnrollment"]!["certificate"]!["code"]!.GetValue<string>();

        const string Revoke = "mutation($code: String!) { revokeCertificate(input: {code: $code, reason: \"Academic misconduct\"}) { certificate { revoked valid } errors { code } } }";
        Assert.Equal("FORBIDDEN", (await learner.PostAsync(Revoke, new { code })).ErrorCode());
        var revoked = Accepted(await (await _path.PlatformAdminAsync()).PostAsync(Revoke, new { code }))["revokeCertificate"]!["certificate"]!;
        Assert.True(revoked["revoked"]!.GetValue<bool>());
        Assert.False(revoked["valid"]!.GetValue<bool>());
        Assert.Null((await platform.Gateway().PostAsync("{ certificate(code: \"NOSUCHCODE22\") { code } }")).Ok()["certificate"]);
    }

    private async Task<RSA> PublishedKeyAsync(string keyId)
    {
        var jwks = JsonNode.Parse(await platform.CreateClient().GetStringAsync(new Uri("/.well-known/certificate-keys.json", UriKind.Relative)))!;
        var key = jwks["keys"]!.AsArray().Single(k => k!["kid"]!.GetValue<string>() == keyId)!;
        Assert.Equal("RS256", key["alg"]!.GetValue<string>());
        return RSA.Create(new RSAParameters { Modulus = Base64Url(key["n"]!.GetValue<string>()), Exponent = Base64Url(key["e"]!.GetValue<string>()) });
    }

    private async Task<List<string>> EventTypesAsync(string enrollmentId, string code)
    {
        await using var db = new NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT type FROM learner.outbox WHERE envelope->'data'->>'enrollmentId' = $1 ORDER BY position", db);
        query.Parameters.Add(new NpgsqlParameter { Value = enrollmentId });
        var types = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        Assert.NotEmpty(code);
        return types;
    }

    private async Task AssertEventsFitTheirSchemasAsync()
    {
        await using var db = new NpgsqlConnection(platform.ConnectionString);
        await db.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT type, envelope->>'data' FROM learner.outbox UNION ALL SELECT type, envelope->>'data' FROM catalog.outbox", db);
        await using var reader = await query.ExecuteReaderAsync();
        var checkedTypes = new HashSet<string>();
        var schemas = new Dictionary<string, Json.Schema.JsonSchema>();
        while (await reader.ReadAsync())
        {
            var type = reader.GetString(0);
            if (!schemas.TryGetValue(type, out var schema))
            {
                schemas[type] = schema = Json.Schema.JsonSchema.FromText(Coursera.Events.Contracts.EventCatalog.Types.Single(t => t.Name == type).Schema);
            }

            var result = schema.Evaluate(System.Text.Json.JsonDocument.Parse(reader.GetString(1)).RootElement);
            Assert.True(result.IsValid, $"{type}: {reader.GetString(1)}");
            checkedTypes.Add(type);
        }

        Assert.Superset(new HashSet<string> { "course.published", "course.archived", "enrollment.created", "enrollment.completed", "certificate.issued" }, checkedTypes);
    }

    private static byte[] Base64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
