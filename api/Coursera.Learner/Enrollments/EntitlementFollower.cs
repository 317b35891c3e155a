using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Learner.Certificates;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Learner.Enrollments;

/// <summary>
/// Takes billing's entitlements: a purchase, financial aid or a specialization subscription (<c>entitlement.granted</c>) opens the PAID track, upgrading the learner's
/// current AUDIT enrollment in the course at once (issuing the certificate when it was completed); a refund, a dispute or a subscription's end (<c>entitlement.revoked</c>) moves the enrollment it paid
/// for back to AUDIT, progress kept; a lost dispute (<c>revokesCertificate</c>) also revokes the course's certificate. A revocation that arrives first leaves the entitlement revoked, so the late grant
/// changes nothing.
/// </summary>
public sealed class EntitlementFollower(ServiceStore<LearnerDbContext> store, CertificateIssuer certificates, TimeProvider clock) : IEventHandler
{
    public const string Granted = "entitlement.granted";
    public const string Revoked = "entitlement.revoked";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type is Granted or Revoked;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = envelope.Data.Deserialize<EntitlementData>(Json) ?? throw new JsonException($"Event {envelope.Id} has no entitlement data.");
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        var entitlement = await db.Entitlements.SingleOrDefaultAsync(e => e.Id == data.EntitlementId, cancellationToken);
        if (entitlement is null)
        {
            entitlement = new Entitlement
            {
                Id = data.EntitlementId,
                LearnerId = data.LearnerId,
                CourseId = data.CourseId,
                GrantedBy = data.Source switch
                {
                    "FINANCIAL_AID" => "billing:financial-aid",
                    "SUBSCRIPTION" => "billing:subscription",
                    _ => "billing:purchase",
                },
                OrderId = data.OrderId,
                GrantedAt = data.OccurredAt,
                RevokedAt = envelope.Type == Revoked ? data.OccurredAt : null,
            };
            db.Entitlements.Add(entitlement);
        }

        if (data.CourseId is null)
        {
            await FollowCatalogAsync(db, envelope.Type, entitlement, data, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var enrollment = entitlement.EnrollmentId is { } paidFor
            ? await db.Enrollments.SingleOrDefaultAsync(e => e.Id == paidFor, cancellationToken)
            : await db.Enrollments.SingleOrDefaultAsync(e => e.LearnerId == data.LearnerId && e.CourseId == data.CourseId
                && (e.State == EnrollmentState.Active || e.State == EnrollmentState.Completed)
                && (e.Track == EnrollmentTrack.Audit || (e.Track == EnrollmentTrack.Paid && e.CatalogEntitlementId != null)), cancellationToken);
        if (envelope.Type == Granted && entitlement.RevokedAt is null && entitlement.EnrollmentId is null && enrollment is not null)
        {
            // A course bought while Coursera Plus pays for it takes over, so the course stays PAID when Plus ends.
            enrollment.Track = EnrollmentTrack.Paid;
            enrollment.CatalogEntitlementId = null;
            entitlement.EnrollmentId = enrollment.Id;
            await IssueEarnedCertificateAsync(db, enrollment, cancellationToken);
        }
        else if (envelope.Type == Revoked)
        {
            entitlement.RevokedAt ??= data.OccurredAt;
            if (entitlement.EnrollmentId is not null && enrollment is { Track: EnrollmentTrack.Paid } && enrollment.CatalogEntitlementId is null)
            {
                entitlement.EnrollmentId = null;
                await KeepPaidOrAuditAsync(db, enrollment, entitlement.Id, cancellationToken);
            }

            if (data.RevokesCertificate)
            {
                await RevokeCertificatesAsync(db, data, enrollment is null ? [] : [enrollment.Id], cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Coursera Plus: granted, every current AUDIT enrollment of the learner turns PAID (a completed one gets its
    /// certificate), and later ones may enroll PAID while it lasts; revoked, the enrollments it paid for go back to AUDIT.
    /// </summary>
    private async Task FollowCatalogAsync(LearnerDbContext db, string type, Entitlement entitlement, EntitlementData data, CancellationToken cancellationToken)
    {
        if (type == Revoked)
        {
            entitlement.RevokedAt ??= data.OccurredAt;
            // Still linked after going back to AUDIT, so a later lost dispute finds the certificates they earned.
            var paidFor = await db.Enrollments.Where(e => e.CatalogEntitlementId == entitlement.Id).ToListAsync(cancellationToken);
            foreach (var paid in paidFor.Where(e => e.Track == EnrollmentTrack.Paid))
            {
                await KeepPaidOrAuditAsync(db, paid, entitlement.Id, cancellationToken);
            }

            if (data.RevokesCertificate)
            {
                await RevokeCertificatesAsync(db, data, [.. paidFor.Select(e => e.Id)], cancellationToken);
            }

            return;
        }

        if (entitlement.RevokedAt is not null)
        {
            return;
        }

        var auditing = await db.Enrollments.Where(e => e.LearnerId == data.LearnerId && e.Track == EnrollmentTrack.Audit
            && (e.State == EnrollmentState.Active || e.State == EnrollmentState.Completed)).ToListAsync(cancellationToken);
        foreach (var enrollment in auditing)
        {
            enrollment.Track = EnrollmentTrack.Paid;
            enrollment.CatalogEntitlementId = entitlement.Id;
            await IssueEarnedCertificateAsync(db, enrollment, cancellationToken);
        }
    }

    /// <summary>Paid for after finishing on AUDIT: what was paid for is the certificate, issued now.</summary>
    private async Task IssueEarnedCertificateAsync(LearnerDbContext db, Enrollment enrollment, CancellationToken cancellationToken)
    {
        if (enrollment.State == EnrollmentState.Completed && !await db.Certificates.AnyAsync(c => c.EnrollmentId == enrollment.Id, cancellationToken)
            && await db.Outlines.SingleOrDefaultAsync(o => o.CourseId == enrollment.CourseId, cancellationToken) is { } outline)
        {
            certificates.Issue(db, enrollment, outline, clock.GetUtcNow().UtcDateTime);
        }
    }

    /// <summary>
    /// An enrollment whose entitlement ended stays PAID when another live one covers it (a course bought during Coursera
    /// Plus, Plus over a course's refund, a pass and Plus at once); else it goes on on AUDIT, progress kept.
    /// </summary>
    private static async Task KeepPaidOrAuditAsync(LearnerDbContext db, Enrollment enrollment, Guid ended, CancellationToken cancellationToken)
    {
        var course = await db.Entitlements.Where(e => e.Id != ended && e.LearnerId == enrollment.LearnerId && e.CourseId == enrollment.CourseId
            && e.EnrollmentId == null && e.RevokedAt == null).FirstOrDefaultAsync(cancellationToken);
        if (course is not null)
        {
            course.EnrollmentId = enrollment.Id;
            enrollment.CatalogEntitlementId = null;
            return;
        }

        var catalog = await db.Entitlements.Where(e => e.Id != ended && e.LearnerId == enrollment.LearnerId && e.CourseId == null && e.RevokedAt == null)
            .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (catalog is not null)
        {
            enrollment.CatalogEntitlementId = catalog;
            return;
        }

        enrollment.Track = EnrollmentTrack.Audit;
    }

    /// <summary>
    /// A lost dispute: the payment went back, and with it the certificates earned in the enrollments it paid for (not
    /// those of another enrollment, paid by an employer, say).
    /// </summary>
    private static async Task RevokeCertificatesAsync(LearnerDbContext db, EntitlementData data, IReadOnlyList<Guid> enrollmentIds, CancellationToken cancellationToken)
    {
        var earned = await db.Certificates.Where(c => enrollmentIds.Contains(c.EnrollmentId) && c.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var certificate in earned)
        {
            certificate.RevokedAt = data.OccurredAt;
            certificate.RevocationReason = data.Reason ?? "The payment for the course was taken back after a dispute.";
            var organizationId = await db.Enrollments.Where(e => e.Id == certificate.EnrollmentId).Select(e => e.OrganizationId).SingleOrDefaultAsync(cancellationToken);
            db.Publish(LearnerEvents.For(LearnerEvents.CertificateRevoked, certificate, organizationId, data.OccurredAt));
        }
    }

    private sealed record EntitlementData(Guid EntitlementId, Guid LearnerId, Guid? CourseId, string Source, Guid? OrderId, DateTime OccurredAt, string? Reason,
        bool RevokesCertificate);
}
