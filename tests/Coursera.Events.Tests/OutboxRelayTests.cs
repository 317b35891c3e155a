using System.Text.Json;
using Coursera.Events.Contracts;
using Json.Schema;

namespace Coursera.Events.Tests;

/// <summary>The outbox relay: committed events reach the stream, in order, once; several relays share the work.</summary>
public sealed class OutboxRelayTests
{
    [Fact]
    public async Task Committed_events_reach_the_stream_in_order_and_rolled_back_ones_never()
    {
        await using var backbone = await EventBackbone.CreateAsync();
        var committed = await backbone.WriteAsync(3);
        await backbone.WriteAsync(2, commit: false);

        Assert.Equal(3, await backbone.Relay().PublishBatchAsync(CancellationToken.None));
        Assert.Equal(0, await backbone.Relay().PublishBatchAsync(CancellationToken.None));

        Assert.Equal(committed.Select(e => e.Id), await backbone.StreamIdsAsync());
        Assert.Equal(0, await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.outbox WHERE published_at IS NULL"));
    }

    [Fact]
    public async Task A_sleeping_relay_is_woken_by_the_outbox_trigger_when_a_row_commits()
    {
        // Asleep for a minute unless notified: the event arriving well before that shows the notification woke it.
        await using var backbone = await EventBackbone.CreateAsync(o => o.RelayIdleDelay = TimeSpan.FromMinutes(1));
        using var stop = new CancellationTokenSource();
        var relay = backbone.Relay();
        await relay.StartAsync(stop.Token);
        try
        {
            await Task.Delay(500); // the relay has found the outbox empty and sleeps
            var written = await backbone.WriteAsync(1);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while ((await backbone.StreamIdsAsync()).Count == 0)
            {
                await Task.Delay(20, patience.Token);
            }

            Assert.Equal(written.Select(e => e.Id), await backbone.StreamIdsAsync());
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Two_relays_running_at_once_publish_every_event_exactly_once()
    {
        await using var backbone = await EventBackbone.CreateAsync(o => o.RelayBatchSize = 50);
        var written = await backbone.WriteAsync(1000);

        async Task DrainAsync()
        {
            var relay = backbone.Relay();
            while (await backbone.CountAsync($"SELECT count(*) FROM {EventBackbone.Schema}.outbox WHERE published_at IS NULL") > 0)
            {
                await relay.PublishBatchAsync(CancellationToken.None);
            }
        }

        await Task.WhenAll(DrainAsync(), DrainAsync());

        var published = await backbone.StreamIdsAsync();
        Assert.Equal(1000, published.Count);
        Assert.Equal(written.Select(e => e.Id).Order(), published.Order());
    }

    [Fact]
    public async Task The_stream_is_trimmed_to_about_its_maximum_length()
    {
        await using var backbone = await EventBackbone.CreateAsync(o => o.MaxStreamLength = 200);
        await backbone.WriteAsync(2000);
        while (await backbone.Relay().PublishBatchAsync(CancellationToken.None) > 0)
        {
        }

        // Approximate trimming removes whole nodes of about 100 entries: a little over the maximum stays.
        var length = await backbone.Stream.StreamLengthAsync(backbone.Options.Stream);
        Assert.InRange(length, 200, 400);
    }

    [Fact]
    public void Every_catalogued_event_type_has_a_schema_that_accepts_the_data_its_service_sends()
    {
        const string Course = """
            {"courseId":"01940000-0000-7000-8000-0000000000aa","partnerId":"01940000-0000-7000-8000-000000000001",
             "slug":"machine-learning","title":"Machine Learning","status":"PUBLISHED","publishedAt":"2026-11-26T08:00:00Z",
             "sessions":[{"id":"01940000-0000-7000-8000-0000000000a1","startsAt":"2026-12-01T00:00:00Z","endsAt":"2027-01-01T00:00:00Z",
                          "enrollmentOpensAt":"2026-11-01T00:00:00Z","enrollmentClosesAt":"2026-12-15T00:00:00Z"}],
             "modules":[{"id":"01940000-0000-7000-8000-0000000000a2","title":"Week 1",
                         "items":[{"id":"01940000-0000-7000-8000-0000000000a3","title":"Welcome","kind":"PEER_REVIEW","required":true,"graded":true}]}],
             "prerequisiteIds":["01940000-0000-7000-8000-0000000000ab"]}
            """;
        const string Enrollment = """
            {"enrollmentId":"01940000-0000-7000-8000-0000000000c1","learnerId":"01940000-0000-7000-8000-0000000000c2",
             "courseId":"01940000-0000-7000-8000-0000000000aa","sessionId":"01940000-0000-7000-8000-0000000000a1",
             "partnerId":"01940000-0000-7000-8000-000000000001","organizationId":null,"track":"PAID","state":"ACTIVE",
             "occurredAt":"2026-11-26T08:00:00Z"}
            """;
        const string Certificate = """
            {"certificateId":"01940000-0000-7000-8000-0000000000d1","code":"ABCDEFGH2345","enrollmentId":"01940000-0000-7000-8000-0000000000c1",
             "learnerId":"01940000-0000-7000-8000-0000000000c2","courseId":"01940000-0000-7000-8000-0000000000aa",
             "partnerId":"01940000-0000-7000-8000-000000000001","issuedAt":"2026-11-26T08:00:00Z","revokedAt":null,"reason":null}
            """;
        var samples = new Dictionary<string, string>
        {
            ["course.published"] = Course,
            ["course.updated"] = Course,
            ["course.archived"] = Course,
            ["specialization.created"] = """{"specializationId":"01940000-0000-7000-8000-0000000000b1","partnerId":"01940000-0000-7000-8000-000000000001","slug":"data-track","title":"Data Track","courseIds":["01940000-0000-7000-8000-0000000000aa"]}""",
            ["enrollment.created"] = Enrollment,
            ["enrollment.withdrawn"] = Enrollment,
            ["enrollment.completed"] = Enrollment,
            ["enrollment.expired"] = Enrollment,
            ["grade.posted"] = """
                {"gradeId":"01940000-0000-7000-8000-0000000000a9","learnerId":"01940000-0000-7000-8000-0000000000c2",
                 "courseId":"01940000-0000-7000-8000-0000000000aa","itemId":"01940000-0000-7000-8000-0000000000a3","score":0.85,"passed":true,
                 "gradedAt":"2026-11-26T08:00:00Z"}
                """,
            ["attempt.submitted"] = """
                {"attemptId":"01940000-0000-7000-8000-0000000000b1","assessmentId":"01940000-0000-7000-8000-0000000000b2",
                 "learnerId":"01940000-0000-7000-8000-0000000000c2","courseId":"01940000-0000-7000-8000-0000000000aa",
                 "itemId":"01940000-0000-7000-8000-0000000000a3","number":2,"submittedAt":"2026-11-26T08:00:00Z"}
                """,
            ["attempt.graded"] = """
                {"attemptId":"01940000-0000-7000-8000-0000000000b1","assessmentId":"01940000-0000-7000-8000-0000000000b2",
                 "learnerId":"01940000-0000-7000-8000-0000000000c2","courseId":"01940000-0000-7000-8000-0000000000aa",
                 "itemId":"01940000-0000-7000-8000-0000000000a3","number":2,"score":0.5,"passed":false,"gradedAt":"2026-11-26T08:00:00Z"}
                """,
            ["grade.changed"] = """
                {"learnerId":"01940000-0000-7000-8000-0000000000c2","courseId":"01940000-0000-7000-8000-0000000000aa",
                 "itemId":"01940000-0000-7000-8000-0000000000a3","oldScore":0.5,"newScore":1.0,"passed":true,
                 "reason":"The key of question 2 was wrong.","changedAt":"2026-11-26T08:00:00Z"}
                """,
            ["peer_review.assigned"] = """{"reviewId":"01940000-0000-7000-8000-0000000000d1","assessmentId":"01940000-0000-7000-8000-0000000000d2","courseId":"01940000-0000-7000-8000-0000000000aa","itemId":"01940000-0000-7000-8000-0000000000d3","reviewerId":"01940000-0000-7000-8000-0000000000c2","assignedAt":"2026-11-26T08:00:00Z","expiresAt":"2026-11-27T08:00:00Z"}""",
            ["course_grade.passed"] = """{"learnerId":"01940000-0000-7000-8000-0000000000c2","courseId":"01940000-0000-7000-8000-0000000000aa","score":0.92,"passedAt":"2026-11-26T08:00:00Z"}""",
            ["entitlement.granted"] = """{"entitlementId":"01940000-0000-7000-8000-0000000000e1","learnerId":"01940000-0000-7000-8000-0000000000c2","courseId":"01940000-0000-7000-8000-0000000000aa","partnerId":"01940000-0000-7000-8000-000000000001","source":"PURCHASE","orderId":"01940000-0000-7000-8000-0000000000e2","applicationId":null,"subscriptionId":null,"occurredAt":"2026-11-26T08:00:00Z","expiresAt":null,"reason":null,"revokesCertificate":false}""",
            ["entitlement.revoked"] = """{"entitlementId":"01940000-0000-7000-8000-0000000000e1","learnerId":"01940000-0000-7000-8000-0000000000c2","courseId":"01940000-0000-7000-8000-0000000000aa","partnerId":"01940000-0000-7000-8000-000000000001","source":"PURCHASE","orderId":"01940000-0000-7000-8000-0000000000e2","applicationId":null,"subscriptionId":null,"occurredAt":"2026-11-27T08:00:00Z","expiresAt":null,"reason":"Refunded within 14 days","revokesCertificate":false}""",
            ["certificate.issued"] = Certificate,
            ["certificate.revoked"] = Certificate,
            ["program.membership.created"] = """{"membershipId":"01940000-0000-7000-8000-0000000000f1","programId":"01940000-0000-7000-8000-0000000000f2","organizationId":"01940000-0000-7000-8000-0000000000f3","userId":null,"externalId":"HR-1"}""",
            ["program.membership.removed"] = """{"membershipId":"01940000-0000-7000-8000-0000000000f1","programId":"01940000-0000-7000-8000-0000000000f2","organizationId":"01940000-0000-7000-8000-0000000000f3","userId":"01940000-0000-7000-8000-0000000000c2","externalId":null}""",
            ["licence.updated"] = """{"licenceId":"01940000-0000-7000-8000-0000000000a1","organizationId":"01940000-0000-7000-8000-0000000000f3","seats":100,"startsAt":"2026-11-26T08:00:00Z","endsAt":"2027-11-26T08:00:00Z","programIds":[],"updatedAt":"2026-11-26T08:00:00Z"}""",
            ["licence.seats_low"] = """{"licenceId":"01940000-0000-7000-8000-0000000000a1","organizationId":"01940000-0000-7000-8000-0000000000f3","seats":10,"seatsTaken":9,"occurredAt":"2026-11-26T08:00:00Z"}""",
            ["learner.erased"] = """{"learnerId":"01940000-0000-7000-8000-0000000000c2","erasedAt":"2026-11-26T08:00:00Z","byPlatformAdministrator":false}""",
            ["personal_data.erasure_requested"] = """{"userId":"01940000-0000-7000-8000-0000000000c2","requestedAt":"2026-11-26T08:00:00Z","byPlatformAdministrator":true}""",
            ["personal_data.account_erased"] = """{"userId":"01940000-0000-7000-8000-0000000000c2","emailSha256":"4b2a76b9719d911017c592a8d2e0b1f3c5f0b6e0e1c1d3b7c2a8f1e0d9c8b7a6"}""",
            ["personal_data.export_requested"] = """{"exportId":"01940000-0000-7000-8000-0000000000e1","userId":"01940000-0000-7000-8000-0000000000c2"}""",
            ["personal_data.export_part"] = """{"exportId":"01940000-0000-7000-8000-0000000000e1","userId":"01940000-0000-7000-8000-0000000000c2","service":"identity"}""",
            ["media.asset.ready"] = """{"assetId":"01940000-0000-7000-8000-0000000000d7","partnerId":"01940000-0000-7000-8000-000000000001","title":"Week 1: welcome","state":"READY","durationSeconds":6.02,"renditions":["240p","360p"],"captions":["en"],"error":null}""",
            ["media.asset.failed"] = """{"assetId":"01940000-0000-7000-8000-0000000000d7","partnerId":"01940000-0000-7000-8000-000000000001","title":"Week 1: welcome","state":"FAILED","durationSeconds":null,"renditions":[],"captions":[],"error":"INVALID_MEDIA: ffprobe found no video stream."}""",
            ["webhook.endpoint.disabled"] = """
                {"endpointId":"01940000-0000-7000-8000-0000000000bb","tenantId":"01940000-0000-7000-8000-000000000001",
                 "url":"https://lms.example/hooks","reason":"The endpoint answered 410 Gone."}
                """,
        };
        Assert.Equal(samples.Keys.Order(), EventCatalog.Types.Select(t => t.Name).Order());
        foreach (var type in EventCatalog.Types)
        {
            var schema = JsonSchema.FromText(type.Schema);
            Assert.True(schema.Evaluate(JsonDocument.Parse(samples[type.Name]).RootElement).IsValid, type.Name);
            Assert.False(schema.Evaluate(JsonDocument.Parse("""{"courseId":"x"}""").RootElement).IsValid, type.Name);
        }
    }
}
