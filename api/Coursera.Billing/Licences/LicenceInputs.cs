using System.ComponentModel;
using GraphQL;

namespace Coursera.Billing.Licences;

public sealed class CreateLicenceInput
{
    [Id] public required string OrganizationId { get; set; }

    [Description("How many learners it pays for: each learner enrolling on the ENTERPRISE track takes one, for all the courses the licence covers.")]
    public int Seats { get; set; }

    [Description("Now when omitted.")]
    public DateTime? StartsAt { get; set; }

    [Description("A year after the start when omitted; at most three years after it.")]
    public DateTime? EndsAt { get; set; }

    [Id, Description("The programs it covers; empty for every program of the organization.")]
    public List<string> ProgramIds { get; set; } = [];
}

public sealed class UpdateLicenceInput
{
    [Id] public required string LicenceId { get; set; }

    [Description("More seats, or fewer (seats already taken are kept; no new one is taken while over).")]
    public int? Seats { get; set; }

    public DateTime? EndsAt { get; set; }

    [Id] public List<string>? ProgramIds { get; set; }
}
