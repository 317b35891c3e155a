namespace Coursera.Billing.Model;

/// <summary>
/// A course of a specialization, as the catalog's <c>specialization.created</c> said: what a subscription to the
/// specialization entitles to.
/// </summary>
public sealed class SpecializationCourse
{
    public required Guid SpecializationId { get; init; }

    public required Guid CourseId { get; init; }

    public required Guid PartnerId { get; init; }

    public int Position { get; init; }
}
