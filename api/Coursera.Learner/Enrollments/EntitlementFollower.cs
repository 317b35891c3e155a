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
                && (e.State == EnrollmentState.Active || e.State == EnrollmentState.Completed) && e.Track == EnrollmentTrack.Audit, cancellationToken);
        if (envelope.Type == Granted && entitlement.RevokedAt is null && entitlement.EnrollmentId is null && enrollment is not null)
        {
            enrollment.Track = EnrollmentTrack.Paid;
            entitlement.EnrollmentId = enrollment.Id;
            await IssueEarnedCertificateAsync(db, enrollment, cancellationToken);
        }
        else if (envelope.Type == Revoked)
        {
            entitlement.RevokedAt ??= data.OccurredAt;
            if (entitlement.EnrollmentId is not null && enrollment is { Track: EnrollmentTrack.Paid })
            {
                enrollment.Track = EnrollmentTrack.Audit;
            }

            if (data.RevokesCertificate)
            {
                await RevokeCertificatesAsync(db, data, cancellationToken);
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
            await foreach (var paid in db.Enrollments.Where(e => e.CatalogEntitlementId == entitlement.Id && e.Track == EnrollmentTrack.Paid).AsAsyncEnumerable()
                .WithCancellation(cancellationToken))
            {
                paid.Track = EnrollmentTrack.Audit;
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

    /// <summary>A lost dispute: the payment went back, and with it the certificate of the course it paid for.</summary>
    private static async Task RevokeCertificatesAsync(LearnerDbContext db, EntitlementData data, CancellationToken cancellationToken)
    {
        var earned = await db.Certificates.Where(c => c.LearnerId == data.LearnerId && c.CourseId == data.CourseId && c.RevokedAt == null).ToListAsync(cancellationToken);
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
