using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Media.Data;
using Coursera.Media.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Media.Courses;

/// <summary>
/// Keeps the lectures of public courses and the assets they play from the catalog's course events. An older event
/// never overwrites what a newer one said; a lecture that left the outline stops playing.
/// </summary>
public sealed class LectureFollower(ServiceStore<MediaDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type is "course.published" or "course.updated" or "course.archived";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var course = envelope.Data.Deserialize<CourseData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no course data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var known = await db.Lectures.Where(l => l.CourseId == course.CourseId).ToDictionaryAsync(l => l.ItemId, cancellationToken);
        if (known.Values.Any(l => l.Version > envelope.OccurredAt))
        {
            return;
        }

        foreach (var item in (course.Modules ?? []).SelectMany(m => m.Items).Where(i => i.Kind == "LECTURE"))
        {
            if (!known.Remove(item.Id, out var lecture))
            {
                lecture = new Lecture { ItemId = item.Id, CourseId = course.CourseId };
                db.Lectures.Add(lecture);
            }

            lecture.PartnerId = course.PartnerId;
            lecture.VideoAssetId = item.VideoAssetId;
            lecture.InOutline = true;
            lecture.Version = envelope.OccurredAt;
        }

        foreach (var removed in known.Values)
        {
            removed.InOutline = false;
            removed.Version = envelope.OccurredAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record CourseData(Guid CourseId, Guid PartnerId, List<ModuleData>? Modules);

    private sealed record ModuleData(Guid Id, List<ItemData> Items);

    private sealed record ItemData(Guid Id, string Kind, string? VideoAssetId);
}
