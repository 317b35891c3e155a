using System.ComponentModel;

namespace Coursera.Gateway.Rest.Certificates;

/// <summary>A certificate as anyone may check it: what it states, whether it is valid, and its signature.</summary>
public sealed record Certificate(
    string Code,
    string LearnerName,
    Guid CourseId,
    [property: Description("The course's title when the certificate was issued.")] string CourseTitle,
    Guid PartnerId,
    DateTimeOffset IssuedAt,
    bool Revoked,
    DateTimeOffset? RevokedAt,
    string? RevocationReason,
    [property: Description("The signature matches and the certificate is not revoked.")] bool Valid,
    [property: Description("The canonical JSON (RFC 8785) the signature covers.")] string SignedPayload,
    [property: Description("RS256 over signedPayload (UTF-8), base64url.")] string Signature,
    [property: Description("The key in /.well-known/certificate-keys.json.")] string KeyId);
