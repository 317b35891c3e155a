using System.ComponentModel;

namespace Coursera.Gateway.Rest.Programs;

/// <summary>A learner in a program, joined or still invited.</summary>
public sealed record ProgramMember(
    Guid Id,
    [property: Description("Null until an invited learner joins.")] Guid? UserId,
    string? Email,
    string? ExternalId,
    bool Joined,
    [property: Description("With `include=enrollments`: the member's enrollments that the organization pays for; else null.")]
    IReadOnlyList<MemberEnrollment>? Enrollments);

/// <summary>A member's enrollment with their progress.</summary>
public sealed record MemberEnrollment(
    Guid Id,
    Guid CourseId,
    [property: Description("ACTIVE, COMPLETED, WITHDRAWN or EXPIRED.")] string State,
    [property: Description("AUDIT, PAID or ENTERPRISE.")] string Track,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? WithdrawnAt,
    EnrollmentProgress Progress,
    [property: Description("The certificate's code when one was issued: check it at GET /v1/certificates/{code}.")] string? CertificateCode);

/// <summary>How far a learner is in a course.</summary>
public sealed record EnrollmentProgress(
    [property: Description("Share of required items complete, 0 to 1.")] double CompletedShare,
    int RequiredItemCount,
    int CompletedRequiredItemCount,
    DateTimeOffset? LastActivityAt);
