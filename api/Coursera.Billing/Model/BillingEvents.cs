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

    public static EventEnvelope Granted(Order order) =>
        EventEnvelope.Create(EntitlementGranted, Source, order.EntitlementId.ToString(),
            new EntitlementData(order.EntitlementId, order.LearnerId, order.CourseId, order.PartnerId, order.Id, "PURCHASE", order.PaidAt!.Value, null),
            order.PaidAt!.Value, partnerId: order.PartnerId);

    public static EventEnvelope Revoked(Order order, string reason) =>
        EventEnvelope.Create(EntitlementRevoked, Source, order.EntitlementId.ToString(),
            new EntitlementData(order.EntitlementId, order.LearnerId, order.CourseId, order.PartnerId, order.Id, "PURCHASE", order.RefundedAt!.Value, reason),
            order.RefundedAt!.Value, partnerId: order.PartnerId);

    private sealed record EntitlementData(Guid EntitlementId, Guid LearnerId, Guid CourseId, Guid PartnerId, Guid OrderId, string Source, DateTime OccurredAt,
        string? Reason);
}
