namespace Coursera.Billing.Model;

/// <summary>
/// An organization's enterprise licence: so many seats (learners) from one date to another, for the programs it
/// names or, when it names none, for every program of the organization. The learner service holds the seats (it
/// follows <c>licence.updated</c>): an ENTERPRISE enrollment takes one, a membership's end gives it back.
/// </summary>
public sealed class Licence
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid OrganizationId { get; init; }

    public int Seats { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    /// <summary>The programs it covers; empty for all the organization's programs.</summary>
    public List<Guid> ProgramIds { get; set; } = [];

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Who sold or changed it last (a platform administrator's email).</summary>
    public required string ChangedBy { get; set; }
}
