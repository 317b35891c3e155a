using Coursera.Catalog.Model;
using Coursera.Events;

namespace Coursera.Catalog.Specializations;

/// <summary>
/// <c>specialization.created</c>: a specialization and its courses in order, so that billing can entitle a
/// specialization's subscribers to each of its courses without calling the catalog.
/// </summary>
public static class SpecializationEvents
{
    public const string Created = "specialization.created";

    public static EventEnvelope For(Specialization specialization, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(specialization);
        return EventEnvelope.Create(Created, "catalog", specialization.Id.ToString(),
            new SpecializationEventData(specialization.Id, specialization.PartnerId, specialization.Slug, specialization.Title,
                [.. specialization.Courses.OrderBy(c => c.Position).Select(c => c.CourseId)]),
            occurredAt, partnerId: specialization.PartnerId);
    }
}

public sealed record SpecializationEventData(Guid SpecializationId, Guid PartnerId, string Slug, string Title, IReadOnlyList<Guid> CourseIds);
