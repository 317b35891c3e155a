using Coursera.Events;
using Coursera.Events.PersonalData;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Model;
using Coursera.Webhooks.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Webhooks.Tests;

/// <summary>Webhook messages name people: an erasure erases them there too, and nothing is kept past the retention.</summary>
public sealed class PersonalDataTests
{
    [Fact]
    public async Task An_erased_learner_leaves_the_message_bodies_and_their_external_id_with_them()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await WebhooksApp.StartAsync();
        var organization = Guid.CreateVersion7();
        await app.Endpoints.CreateAsync(organization, receiver.Url, [], null, CancellationToken.None);
        var erased = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var now = DateTime.UtcNow;

        await app.PublishAsync(Membership(organization, erased, "HR-4711", now));
        await app.PublishAsync(Membership(organization, null, "HR-4711", now)); // the same person, invited by external id only
        await app.PublishAsync(Membership(organization, other, "HR-0001", now));
        await app.PublishAsync(EventEnvelope.Create(PersonalDataEvents.LearnerErased, "learner", erased.ToString(),
            new LearnerErasedData(erased, now, false), now, organizationId: organization));
        await app.PublishAsync(EventEnvelope.Create(PersonalDataEvents.ErasureRequested, "learner", erased.ToString(),
            new ErasureRequestedData(erased, now, false), now));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        await WebhooksApp.WaitUntilAsync(() => db.Messages.AsNoTracking().AsEnumerable().Count(m => IsErased(m.Body)) == 2);

        var bodies = await db.Messages.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m);
        var memberships = bodies.Values.Where(m => m.EventType == "program.membership.created").ToList();
        Assert.Equal(3, memberships.Count);
        Assert.DoesNotContain(memberships, m => m.Body.Contains("HR-4711", StringComparison.Ordinal) || m.Body.Contains(erased.ToString(), StringComparison.Ordinal));
        Assert.Single(memberships, m => m.Body.Contains("HR-0001", StringComparison.Ordinal) && m.Body.Contains(other.ToString(), StringComparison.Ordinal));
        Assert.All(memberships.Where(m => IsErased(m.Body)),
            m => Assert.Equal("program.membership.created", WebhooksApp.Json(m.Body).GetProperty("type").GetString()));

        // The notice that tells the organization whom to erase still says it.
        var notice = Assert.Single(bodies.Values, m => m.EventType == PersonalDataEvents.LearnerErased);
        Assert.Contains(erased.ToString(), notice.Body, StringComparison.Ordinal);
        var redacted = bodies.Values.Where(m => IsErased(m.Body)).Select(m => m.Id).ToList();
        Assert.DoesNotContain(await db.Attempts.Where(a => redacted.Contains(a.MessageId)).Select(a => a.Response).ToListAsync(), r => r != null);
    }

    [Fact]
    public async Task Messages_and_attempts_past_the_retention_are_deleted_and_newer_ones_kept()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false, settings: new() { ["Webhooks:Retention"] = "30.00:00:00" });
        var endpoint = Guid.CreateVersion7();
        var old = Message(endpoint, DateTime.UtcNow.AddDays(-31));
        var recent = Message(endpoint, DateTime.UtcNow.AddDays(-29));
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync())
        {
            db.Messages.AddRange(old, recent);
            db.Attempts.AddRange(Attempt(old), Attempt(recent));
            await db.SaveChangesAsync();
        }

        await ActivatorUtilities.CreateInstance<MessageRetention>(app.Services).PruneOnceAsync(CancellationToken.None);

        await using var after = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        Assert.Equal([recent.Id], await after.Messages.Select(m => m.Id).ToListAsync());
        Assert.Equal([recent.Id], await after.Attempts.Select(a => a.MessageId).ToListAsync());
    }

    private static bool IsErased(string body) =>
        WebhooksApp.Json(body).GetProperty("data") is var data && data.TryGetProperty("erased", out var erased) && erased.GetBoolean();

    private static EventEnvelope Membership(Guid organization, Guid? userId, string externalId, DateTime now) =>
        EventEnvelope.Create("program.membership.created", "learner", Guid.CreateVersion7().ToString(),
            new { membershipId = Guid.CreateVersion7(), programId = Guid.CreateVersion7(), organizationId = organization, userId, externalId }, now,
            organizationId: organization);

    private static WebhookMessage Message(Guid endpoint, DateTime createdAt) => new()
    {
        EventId = Guid.CreateVersion7(), EndpointId = endpoint, EventType = "course.published", Body = """{"type":"course.published","data":{}}""",
        CreatedAt = createdAt, NextAttemptAt = createdAt, Status = MessageStatus.Delivered,
    };

    private static DeliveryAttempt Attempt(WebhookMessage message) => new()
    {
        MessageId = message.Id, EndpointId = message.EndpointId, AttemptedAt = message.CreatedAt, DurationMs = 5, Succeeded = true, Response = "ok",
    };
}
