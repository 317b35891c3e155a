using System.Globalization;
using System.Security.Cryptography;
using Coursera.Events.Outbox;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Certificates;

/// <summary>
/// Issues a certificate when a PAID or ENTERPRISE enrollment completes, signs what it states (RS256 over
/// <see cref="CanonicalJson"/>), checks certificates for anyone who has the code, and revokes them.
/// </summary>
public sealed class CertificateIssuer(CertificateKeys keys, IDbContextFactory<LearnerDbContext> contexts, TimeProvider clock)
{
    public const string FormatVersion = "coursera.certificate.v1";

    // Unambiguous to read aloud and type: no 0/O, 1/I/L.
    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Adds the certificate and its event to the context, for the caller's save (the completion's transaction).</summary>
    public Certificate Issue(LearnerDbContext db, Enrollment enrollment, CourseOutline outline, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(outline);
        var certificate = new Certificate
        {
            Code = NewCode(),
            EnrollmentId = enrollment.Id,
            LearnerId = enrollment.LearnerId,
            LearnerName = enrollment.LearnerName,
            CourseId = enrollment.CourseId,
            CourseTitle = outline.Title,
            PartnerId = enrollment.PartnerId,
            IssuedAt = DateTime.SpecifyKind(new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond)), DateTimeKind.Utc),
            KeyId = keys.KeyId,
            Signature = "",
        };
        certificate.Signature = keys.Sign(CanonicalFormOf(certificate));
        db.Certificates.Add(certificate);
        db.Publish(LearnerEvents.For(LearnerEvents.CertificateIssued, certificate, enrollment.OrganizationId, now));
        return certificate;
    }

    /// <summary>What the signature covers, rebuilt from the certificate's stated fields.</summary>
    public static string CanonicalFormOf(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CanonicalJson.Write(new Dictionary<string, string>
        {
            ["format"] = FormatVersion,
            ["code"] = certificate.Code,
            ["learnerName"] = certificate.LearnerName,
            ["courseId"] = certificate.CourseId.ToString(),
            ["courseTitle"] = certificate.CourseTitle,
            ["partnerId"] = certificate.PartnerId.ToString(),
            ["issuedAt"] = certificate.IssuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The signature matches the certificate's fields under the published key it names (the current one or one used before).</summary>
    public bool HasValidSignature(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return keys.Verify(certificate.KeyId, CanonicalFormOf(certificate), certificate.Signature);
    }

    /// <summary>The certificate printed with <paramref name="code"/> (any case, spaces around allowed); null when none is.</summary>
    public async Task<Certificate?> FindAsync(string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length is 0 or > 32)
        {
            throw GraphQLErrors.BadUserInput("'code' is not a certificate code.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = code.Trim().ToUpperInvariant();
        return await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Code == normalized, cancellationToken);
    }

    /// <summary>Platform administrators, and administrators of the partner that taught the course.</summary>
    public async Task<MutationPayload<Certificate>> RevokeAsync(RevokeCertificateInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var code = input.Code.Trim().ToUpperInvariant();
        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (certificate is null)
        {
            return MutationPayload<Certificate>.Refused(UserError.For("CERTIFICATE_NOT_FOUND", "No certificate has this code.", "code"));
        }

        if (!caller.IsPlatformAdmin && !caller.HasRole(certificate.PartnerId, "partner_admin"))
        {
            throw GraphQLErrors.Forbidden("Only platform administrators and the partner's administrators revoke certificates.");
        }

        if (certificate.RevokedAt is not null)
        {
            return MutationPayload<Certificate>.Refused(UserError.For("ALREADY_REVOKED", "The certificate was revoked before.", "code"));
        }

        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > 500)
        {
            return MutationPayload<Certificate>.Refused(UserError.For("INVALID_REASON", "Give a reason of at most 500 characters.", "reason"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        certificate.RevokedAt = now;
        certificate.RevocationReason = input.Reason.Trim();
        var organizationId = await db.Enrollments.Where(e => e.Id == certificate.EnrollmentId).Select(e => e.OrganizationId).SingleOrDefaultAsync(cancellationToken);
        db.Publish(LearnerEvents.For(LearnerEvents.CertificateRevoked, certificate, organizationId, now));
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Certificate>.Changed(certificate);
    }

    private static string NewCode() =>
        string.Create(12, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
            }
        });
}

public sealed class RevokeCertificateInput
{
    public required string Code { get; set; }
    public required string Reason { get; set; }
}
