using GraphQL;

namespace Coursera.Learner.Programs;

public sealed class CreateProgramInput
{
    [Id] public required string OrganizationId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    [Id] public required List<string> CourseIds { get; set; }
}

/// <summary>Each member by user id, email or the organization's external id (at least one).</summary>
public sealed class AddProgramMembersInput
{
    [Id] public required string ProgramId { get; set; }
    public required List<ProgramMemberInput> Members { get; set; }
}

public sealed class RemoveProgramMembersInput
{
    [Id] public required string ProgramId { get; set; }
    public required List<ProgramMemberInput> Members { get; set; }
}

public sealed class ProgramMemberInput
{
    [Id] public string? UserId { get; set; }
    public string? Email { get; set; }
    public string? ExternalId { get; set; }
}

/// <summary>Up to 10,000 rows, each a learner (by user id, or by external id of a program member) and a course of the program.</summary>
public sealed class BulkEnrollInput
{
    [Id] public required string ProgramId { get; set; }

    /// <summary>The same key returns the same job: a retried request never enrolls twice.</summary>
    public required string IdempotencyKey { get; set; }

    public required List<BulkEnrollmentRowInput> Rows { get; set; }
}

public sealed class BulkEnrollmentRowInput
{
    public string? LearnerId { get; set; }
    public string? ExternalId { get; set; }
    public required string CourseId { get; set; }
}
