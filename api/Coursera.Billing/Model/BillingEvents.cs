using Coursera.Events;

namespace Coursera.Billing.Model;

/// <summary>
/// The billing service's events (schemas in the event catalog), written to its outbox in the transaction of the
/// change, addressed to the course's partner. The learner service follows the entitlement events.
/// </summary>
public static class BillingEvents
{
    public const string Source = "billing";
    public const string EntitlementGranted = "entitlement.granted";
    public const string EntitlementRevoked = "entitlement.revoked";
    public const string LicenceUpdated = "licence.updated";

    public static EventEnvelope Granted(Order order) => Granted(order, order.EntitlementId, order.PaidAt!.Value);

    /// <summary>A purchase's access under <paramref name="entitlementId"/>: the order's own, or the one given back when a dispute is won.</summary>
    public static EventEnvelope Granted(Order order, Guid entitlementId, DateTime occurredAt) =>
        EventEnvelope.Create(EntitlementGranted, Source, entitlementId.ToString(),
            new EntitlementData(entitlementId, order.LearnerId, CourseOrCatalog(order.CourseId), order.PartnerId, "PURCHASE", order.Id, null, null, occurredAt,
                order.AccessEndsAt, null),
            occurredAt, partnerId: order.PartnerId);

    /// <summary>Financial aid approved: free access to the PAID track until <see cref="AidApplication.AccessEndsAt"/>.</summary>
    public static EventEnvelope Granted(AidApplication application) =>
        EventEnvelope.Create(EntitlementGranted, Source, application.EntitlementId.ToString(),
            new EntitlementData(application.EntitlementId, application.LearnerId, application.CourseId, application.PartnerId, "FINANCIAL_AID", null,
                application.Id, null, application.DecidedAt!.Value, application.AccessEndsAt, null),
            application.DecidedAt!.Value, partnerId: application.PartnerId);

    /// <summary>Financial aid's access is over (<see cref="AidApplication.AccessEndsAt"/>).</summary>
    public static EventEnvelope Revoked(AidApplication application, string reason) =>
        EventEnvelope.Create(EntitlementRevoked, Source, application.EntitlementId.ToString(),
            new EntitlementData(application.EntitlementId, application.LearnerId, application.CourseId, application.PartnerId, "FINANCIAL_AID", null,
                application.Id, null, application.AccessEndsAt!.Value, null, reason),
            application.AccessEndsAt!.Value, partnerId: application.PartnerId);

    public static EventEnvelope Revoked(Order order, string reason) => Revoked(order, order.EntitlementId, order.RefundedAt!.Value, reason);

    /// <summary>
    /// Every entitlement an order's access is under: its own, and the one given back after a won dispute (revoking
    /// only the first would leave the second on).
    /// </summary>
    public static IEnumerable<EventEnvelope> RevokedAll(Order order, DateTime occurredAt, string reason)
    {
        ArgumentNullException.ThrowIfNull(order);
        yield return Revoked(order, order.EntitlementId, occurredAt, reason);
        if (order.DisputedAt is not null)
        {
            yield return Revoked(order, order.ReinstatedEntitlementId, occurredAt, reason);
        }
    }

    /// <summary>
    /// A purchase's access ended (<paramref name="entitlementId"/>: the order's own or its reinstatement);
    /// <paramref name="revokesCertificate"/> for a lost dispute, which takes back the certificate earned with it.
    /// </summary>
    public static EventEnvelope Revoked(Order order, Guid entitlementId, DateTime occurredAt, string reason, bool revokesCertificate = false) =>
        EventEnvelope.Create(EntitlementRevoked, Source, entitlementId.ToString(),
            new EntitlementData(entitlementId, order.LearnerId, CourseOrCatalog(order.CourseId), order.PartnerId, "PURCHASE", order.Id, null, null, occurredAt, null, reason,
                revokesCertificate),
            occurredAt, partnerId: order.PartnerId);

    /// <summary>A subscription covers <paramref name="courseId"/> until the end of its current period (renewals grant again, later).</summary>
    public static EventEnvelope Granted(Subscription subscription, Guid courseId, DateTime occurredAt) =>
        EventEnvelope.Create(EntitlementGranted, Source, subscription.EntitlementId(courseId).ToString(),
            new EntitlementData(subscription.EntitlementId(courseId), subscription.LearnerId, CourseOrCatalog(courseId), subscription.PartnerId, "SUBSCRIPTION",
                null, null, subscription.Id, occurredAt, subscription.CurrentPeriodEndsAt, null),
            occurredAt, partnerId: subscription.PartnerId);

    public static EventEnvelope Revoked(Subscription subscription, Guid courseId, DateTime occurredAt, string reason) =>
        EventEnvelope.Create(EntitlementRevoked, Source, subscription.EntitlementId(courseId).ToString(),
            new EntitlementData(subscription.EntitlementId(courseId), subscription.LearnerId, CourseOrCatalog(courseId), subscription.PartnerId, "SUBSCRIPTION",
                null, null, subscription.Id, occurredAt, null, reason),
            occurredAt, partnerId: subscription.PartnerId);

    /// <summary>A licence as it now is (sold or changed): the learner service keeps its seats by it; addressed to the organization.</summary>
    public static EventEnvelope Updated(Licence licence) =>
        EventEnvelope.Create(LicenceUpdated, Source, licence.Id.ToString(),
            new LicenceData(licence.Id, licence.OrganizationId, licence.Seats, licence.StartsAt, licence.EndsAt, licence.ProgramIds, licence.UpdatedAt),
            licence.UpdatedAt, organizationId: licence.OrganizationId);

    private sealed record LicenceData(Guid LicenceId, Guid OrganizationId, int Seats, DateTime StartsAt, DateTime EndsAt, IReadOnlyList<Guid> ProgramIds,
        DateTime UpdatedAt);

    /// <summary>No course id: the entitlement covers every course (Coursera Plus, a pass).</summary>
    private static Guid? CourseOrCatalog(Guid courseId) => courseId == Offer.WholeCatalog ? null : courseId;

    private sealed record EntitlementData(Guid EntitlementId, Guid LearnerId, Guid? CourseId, Guid PartnerId, string Source, Guid? OrderId,
        Guid? ApplicationId, Guid? SubscriptionId, DateTime OccurredAt, DateTime? ExpiresAt, string? Reason, bool RevokesCertificate = false);
}
