using System.ComponentModel;

namespace Coursera.Gateway.Rest.Licences;

/// <summary>An enterprise licence: seats for a time, for some of the organization's programs or all of them.</summary>
public sealed record Licence(
    Guid Id,
    Guid OrganizationId,
    int Seats,
    [property: Description("Learners holding a seat now: one each, from their first ENTERPRISE enrollment until they leave the programs it covers.")] int SeatsTaken,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [property: Description("Empty: every program of the organization.")] IReadOnlyList<Guid> ProgramIds,
    DateTimeOffset UpdatedAt);
