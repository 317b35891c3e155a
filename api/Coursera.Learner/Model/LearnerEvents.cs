using Coursera.Events;

namespace Coursera.Learner.Model;

/// <summary>
/// The learner service's events (schemas in the event catalog), written to its outbox in the transaction of the
/// change. They go to the course's partner and, for enterprise enrollments, the paying organization; they carry ids,
/// never a learner's name or email.
/// </summary>
public static class LearnerEvents
{
    public const string Source = "learner";
    public const string EnrollmentCreated = "enrollment.created";
    public const string EnrollmentWithdrawn = "enrollment.withdrawn";
    public const string EnrollmentCompleted = "enrollment.completed";
    public const string EnrollmentExpired = "enrollment.expired";
    public const string CertificateIssued = "certificate.issued";
    public const string CertificateRevoked = "certificate.revoked";
    public const string ProgramMembershipCreated = "program.membership.created";
    public const string ProgramMembershipRemoved = "program.membership.removed";

    public static EventEnvelope For(string type, Enrollment enrollment, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return EventEnvelope.Create(type, Source, enrollment.Id.ToString(),
            new EnrollmentEventData(enrollment.Id, enrollment.LearnerId, enrollment.CourseId, enrollment.SessionId, enrollment.PartnerId,
                enrollment.OrganizationId, Upper(enrollment.Track), Upper(enrollment.State), occurredAt),
            occurredAt, partnerId: enrollment.PartnerId, organizationId: enrollment.OrganizationId);
    }

    public static EventEnvelope For(string type, Certificate certificate, Guid? organizationId, DateTime occurredAt)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return EventEnvelope.Create(type, Source, certificate.Id.ToString(),
            new CertificateEventData(certificate.Id, certificate.Code, certificate.EnrollmentId, certificate.LearnerId, certificate.CourseId,
                certificate.PartnerId, certificate.IssuedAt, certificate.RevokedAt, certificate.RevocationReason),
            occurredAt, partnerId: certificate.PartnerId, organizationId: organizationId);
    }

    private static string Upper<T>(T value)
        where T : struct, Enum => value.ToString().ToUpperInvariant();
}

public sealed record EnrollmentEventData(Guid EnrollmentId, Guid LearnerId, Guid CourseId, Guid SessionId, Guid PartnerId, Guid? OrganizationId,
    string Track, string State, DateTime OccurredAt);

public sealed record CertificateEventData(Guid CertificateId, string Code, Guid EnrollmentId, Guid LearnerId, Guid CourseId, Guid PartnerId,
    DateTime IssuedAt, DateTime? RevokedAt, string? Reason);
