using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Learner.Courses;

/// <summary>
/// Keeps <see cref="CourseOutline"/> (and the item → course index, <see cref="CourseItem"/>) up to date from the catalog's course events, in the inbox transaction. An event
/// older than the outline it would replace (redelivered late) changes nothing.
/// </summary>
public sealed class CourseFollower(ServiceStore<LearnerDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type is "course.published" or "course.updated" or "course.archived";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var course = envelope.Data.Deserialize<CourseData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no course data.");
        var position = 0;
        var outline = new CourseOutline
        {
            CourseId = course.CourseId,
            PartnerId = course.PartnerId,
            Title = course.Title,
            Status = course.Status,
            Version = envelope.OccurredAt,
            Sessions = [.. (course.Sessions ?? []).Select(s => new OutlineSession(s.Id, s.StartsAt, s.EndsAt, s.EnrollmentOpensAt, s.EnrollmentClosesAt))],
            Items = [.. (course.Modules ?? []).SelectMany(m => m.Items.Select(i => new OutlineItem(i.Id, m.Id, i.Title, i.Kind, i.Required, position++, i.Graded, i.VideoAssetId)))],
            PrerequisiteIds = course.PrerequisiteIds ?? [],
        };

        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var existing = await db.Outlines.SingleOrDefaultAsync(o => o.CourseId == outline.CourseId, cancellationToken);
        if (existing is null)
        {
            db.Outlines.Add(outline);
        }
        else if (existing.Version <= outline.Version)
        {
            db.Entry(existing).CurrentValues.SetValues(outline);
            existing.Sessions = outline.Sessions;
            existing.Items = outline.Items;
            existing.PrerequisiteIds = outline.PrerequisiteIds;
        }
        else
        {
            return;
        }

        await db.CourseItems.Where(i => i.CourseId == outline.CourseId).ExecuteDeleteAsync(cancellationToken);
        db.CourseItems.AddRange(outline.Items.Select(i => new CourseItem { ItemId = i.Id, CourseId = outline.CourseId }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record CourseData(Guid CourseId, Guid PartnerId, string Title, string Status, List<SessionData>? Sessions, List<ModuleData>? Modules,
        List<Guid>? PrerequisiteIds);

    private sealed record SessionData(Guid Id, DateTime StartsAt, DateTime EndsAt, DateTime EnrollmentOpensAt, DateTime EnrollmentClosesAt);

    private sealed record ModuleData(Guid Id, string Title, List<ItemData> Items);

    private sealed record ItemData(Guid Id, string Title, string Kind, bool Required, bool Graded, string? VideoAssetId);
}
