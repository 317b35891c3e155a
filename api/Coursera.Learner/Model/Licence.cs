namespace Coursera.Learner.Model;

/// <summary>
/// An organization's enterprise licence as billing last announced it (<c>licence.updated</c>): how many learners may
/// hold a seat, when, and for which programs (none named: all of the organization's).
/// </summary>
public sealed class Licence
{
    public required Guid Id { get; init; }

    public required Guid OrganizationId { get; set; }

    public int Seats { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public List<Guid> ProgramIds { get; set; } = [];

    /// <summary>Billing's time of the change this copy is of: an older announcement arriving late changes nothing.</summary>
    public DateTime UpdatedAt { get; set; }

    public bool Covers(IEnumerable<Guid> programIds, DateTime now) =>
        StartsAt <= now && now < EndsAt && (ProgramIds.Count == 0 || ProgramIds.Intersect(programIds).Any());
}
