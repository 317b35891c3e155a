using System.Text.Json;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Assessment.Courses;

/// <summary>
/// Keeps the items of public courses from the catalog's course events: which items exist, of what kind, graded or
/// not, and whose partner authors them. An older event never overwrites what a newer one said.
/// </summary>
public sealed class CourseItemFollower(ServiceStore<AssessmentDbContext> store) : IEventHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type is "course.published" or "course.updated" or "course.archived";

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var course = envelope.Data.Deserialize<CourseData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no course data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var known = await db.CourseItems.Where(i => i.CourseId == course.CourseId).ToDictionaryAsync(i => i.ItemId, cancellationToken);
        if (known.Values.Any(i => i.Version > envelope.OccurredAt))
        {
            return;
        }

        foreach (var (module, item) in (course.Modules ?? []).SelectMany(m => m.Items.Select(i => (m, i))))
        {
            if (!known.Remove(item.Id, out var row))
            {
                row = new CourseItem { ItemId = item.Id, CourseId = course.CourseId, PartnerId = course.PartnerId, Kind = item.Kind, Title = item.Title };
                db.CourseItems.Add(row);
            }

            row.Kind = item.Kind;
            row.Title = item.Title;
            row.Graded = item.Graded;
            row.PartnerId = course.PartnerId;
            row.Version = envelope.OccurredAt;
        }

        // Items no longer in the outline stay (their attempts and grades keep their meaning) but are no longer graded.
        foreach (var removed in known.Values)
        {
            removed.Graded = false;
            removed.Version = envelope.OccurredAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record CourseData(Guid CourseId, Guid PartnerId, List<ModuleData>? Modules);

    private sealed record ModuleData(Guid Id, List<ItemData> Items);

    private sealed record ItemData(Guid Id, string Title, string Kind, bool Graded);
}
