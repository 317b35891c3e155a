using Coursera.Catalog.Model;
using Coursera.Events;

namespace Coursera.Catalog.Events;

/// <summary>
/// The catalog's events (<c>course.published</c>, <c>course.updated</c>, <c>course.archived</c>; schemas in the event
/// catalog), written to the catalog's outbox in the transaction of the change.
/// </summary>
public static class CourseEvents
{
    public const string Source = "catalog";
    public const string Published = "course.published";
    public const string Updated = "course.updated";
    public const string Archived = "course.archived";

    public static EventEnvelope For(string type, Course course, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(course);
        return EventEnvelope.Create(type, Source, course.Id.ToString(),
            new CourseEventData(course.Id, course.PartnerId, course.Slug, course.Title, course.Status.ToString().ToUpperInvariant(), course.PublishedAt),
            occurredAt, partnerId: course.PartnerId);
    }
}

/// <summary>The data of the course events.</summary>
public sealed record CourseEventData(Guid CourseId, Guid PartnerId, string Slug, string Title, string Status, DateTime? PublishedAt);
