using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Coursera.Gateway.Rest.Programs;

/// <summary>A new program of public courses.</summary>
public sealed record CreateProgramRequest([property: Required] string Name, string? Description, [property: Required] IReadOnlyList<Guid> CourseIds);

/// <summary>Learners to add to, or take out of, a program.</summary>
public sealed record ProgramMembersRequest([property: Required] IReadOnlyList<MemberReference> Members);

/// <summary>A learner, by one of their ids: someone without an account yet is invited by email or by your own external id.</summary>
public sealed record MemberReference(
    [property: Description("The platform's user id.")] Guid? UserId,
    [property: Description("Invited by email until they join.")] string? Email,
    [property: Description("Your own id for the learner (your HR system's or LMS's).")] string? ExternalId);
