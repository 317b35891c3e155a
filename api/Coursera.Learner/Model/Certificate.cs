namespace Coursera.Learner.Model;

/// <summary>
/// Proof that a learner completed a course on the PAID or ENTERPRISE track. <see cref="Code"/> is public (printed
/// on the certificate); <see cref="Signature"/> covers the canonical form of what it states, so anyone can check it
/// with the published key.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; init; }
    public required Guid EnrollmentId { get; init; }
    public required Guid LearnerId { get; init; }
    public required string LearnerName { get; set; }
    public required Guid CourseId { get; init; }
    public required string CourseTitle { get; init; }
    public required Guid PartnerId { get; init; }
    public required DateTime IssuedAt { get; init; }

    /// <summary>The signing key's id (<c>kid</c>) and the signature, base64url.</summary>
    public required string KeyId { get; set; }

    public required string Signature { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }
}
