using Coursera.Learner.Model;
using GraphQL;

namespace Coursera.Learner.Enrollments;

public sealed class EnrollInput
{
    [Id] public required string CourseId { get; set; }
    [Id] public required string SessionId { get; set; }
    public EnrollmentTrack Track { get; set; } = EnrollmentTrack.Audit;
}

public sealed class WithdrawInput
{
    [Id] public required string EnrollmentId { get; set; }
}

public sealed class SwitchSessionInput
{
    [Id] public required string EnrollmentId { get; set; }
    [Id] public required string SessionId { get; set; }
}

/// <summary>A PAID entitlement, granted by a platform administrator until billing grants them on payment.</summary>
public sealed class GrantEntitlementInput
{
    [Id] public required string LearnerId { get; set; }
    [Id] public required string CourseId { get; set; }
}
