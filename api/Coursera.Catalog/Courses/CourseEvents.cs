using Coursera.Catalog.Model;
using Coursera.Events;

namespace Coursera.Catalog.Courses;

/// <summary>
/// The catalog's events (<c>course.published</c>, <c>course.updated</c>, <c>course.archived</c>; schemas in the event
/// catalog), written to the catalog's outbox in the transaction of the change. They carry the course's outline
/// (sessions, modules and items, prerequisites) so that other services (the learner's enrollment rules and progress) keep what
/// they need without calling the catalog; the course must be loaded with its modules, items and sessions.
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
            new CourseEventData(course.Id, course.PartnerId, course.Slug, course.Title, course.Status.ToString().ToUpperInvariant(), course.PublishedAt,
                [.. course.Sessions.OrderBy(s => s.StartsAt).Select(s => new CourseEventSession(s.Id, s.StartsAt, s.EndsAt, s.EnrollmentOpensAt, s.EnrollmentClosesAt))],
                [.. course.Modules.OrderBy(m => m.Position).Select(m => new CourseEventModule(m.Id, m.Title,
                    [.. m.Items.OrderBy(i => i.Position).Select(i => new CourseEventItem(i.Id, i.Title, KindName(i.Kind), i.Required, i.Graded, i.VideoAssetId))]))],
                course.PrerequisiteIds),
            occurredAt, partnerId: course.PartnerId);
    }

    /// <summary>The GraphQL enum value's spelling (<c>PEER_REVIEW</c>).</summary>
    private static string KindName(ItemKind kind) => kind switch
    {
        ItemKind.PeerReview => "PEER_REVIEW",
        _ => kind.ToString().ToUpperInvariant(),
    };
}

/// <summary>The data of the course events.</summary>
public sealed record CourseEventData(Guid CourseId, Guid PartnerId, string Slug, string Title, string Status, DateTime? PublishedAt,
    IReadOnlyList<CourseEventSession> Sessions, IReadOnlyList<CourseEventModule> Modules, IReadOnlyList<Guid> PrerequisiteIds);

public sealed record CourseEventSession(Guid Id, DateTime StartsAt, DateTime EndsAt, DateTime EnrollmentOpensAt, DateTime EnrollmentClosesAt);

public sealed record CourseEventModule(Guid Id, string Title, IReadOnlyList<CourseEventItem> Items);

/// <param name="VideoAssetId">The media asset a lecture plays (the media service authorizes its playback).</param>
public sealed record CourseEventItem(Guid Id, string Title, string Kind, bool Required, bool Graded, string? VideoAssetId);
