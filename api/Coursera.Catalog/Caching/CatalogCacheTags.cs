using Coursera.Catalog.Courses;
using Coursera.Catalog.Specializations;
using Coursera.Events.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Caching;

/// <summary>
/// What the catalog's cached reads depend on, and which events change it. A course event drops every cached course
/// read, pages and searches included: any page may hold the course, or (published, archived) gain or lose it.
/// </summary>
public static class CatalogCacheTags
{
    public static readonly IReadOnlyCollection<string> Courses = ["catalog:courses"];
    public static readonly IReadOnlyCollection<string> Partners = ["catalog:partners"];
    public static readonly IReadOnlyCollection<string> Specializations = ["catalog:specializations"];

    /// <summary>The tags an event of <paramref name="type"/> makes stale.</summary>
    public static IReadOnlyCollection<string> ChangedBy(string type) => type switch
    {
        CourseEvents.Published or CourseEvents.Updated or CourseEvents.Archived => Courses,
        SpecializationEvents.Created => Specializations,
        _ => [],
    };

    /// <summary>The tags made stale by the events a context has just saved to its outbox.</summary>
    public static IReadOnlyCollection<string> ChangedBy(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return [.. db.ChangeTracker.Entries<OutboxMessage>().SelectMany(e => ChangedBy(e.Entity.Type)).Distinct()];
    }
}
