using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Orders;
using Coursera.Billing.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Coursera.Billing.StripeEvents;

/// <summary>
/// <c>POST /billing/stripe/webhook</c>: Stripe's events, taken only when signed (over the raw body, by one of the
/// configured secrets, at most <see cref="BillingOptions.StripeSettings.WebhookTolerance"/> old), each handled once.
/// A refused event gets 400 and changes nothing; a handled or known one gets 200, so Stripe stops sending it.
/// </summary>
public sealed partial class StripeWebhook(IDbContextFactory<BillingDbContext> contexts, OrderReconciliation orders,
    SubscriptionReconciliation subscriptions, IOptions<BillingOptions> options, TimeProvider clock, ILogger<StripeWebhook> logger)
{
    public const string Path = "/billing/stripe/webhook";

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (Verify(body, request.Headers["Stripe-Signature"].ToString()) is not { } stripeEvent)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe signature",
                detail: "The event is not signed by a configured webhook secret, or its timestamp is too old.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.StripeEvents.AnyAsync(e => e.EventId == stripeEvent.Id, cancellationToken))
        {
            return Results.Ok();
        }

        var subscriptionId = SubscriptionOf(stripeEvent);
        if (subscriptionId is null && StripeSubscriptionOf(stripeEvent) is { } stripeId)
        {
            subscriptionId = await db.Subscriptions.Where(s => s.StripeSubscriptionId == stripeId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(cancellationToken);
        }

        if (subscriptionId is { } subscription)
        {
            await subscriptions.ReconcileAsync(subscription, cancellationToken);
        }
        else if ((OrderOf(stripeEvent) ?? await DisputedOrderAsync(db, stripeEvent, cancellationToken)) is { } orderId)
        {
            await orders.ReconcileAsync(orderId, cancellationToken);
        }
        else
        {
            LogIgnored(logger, stripeEvent.Id, stripeEvent.Type);
        }

        // Recorded after it was handled: a crash in between handles it again, which reconciliation makes harmless.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO billing.stripe_events (event_id, type, handled_at) VALUES ({stripeEvent.Id}, {stripeEvent.Type}, {clock.GetUtcNow().UtcDateTime})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        return Results.Ok();
    }

    private Event? Verify(string body, string signature)
    {
        foreach (var secret in options.Value.Stripe.WebhookSecrets.Where(s => s.Length > 0))
        {
            try
            {
                return EventUtility.ConstructEvent(body, signature, secret, (long)options.Value.Stripe.WebhookTolerance.TotalSeconds,
                    throwOnApiVersionMismatch: false);
            }
            catch (StripeException)
            {
                // another secret of a rotation may have signed it
            }
        }

        return null;
    }

    /// <summary>Which order an event is about: a payment session's client reference, or the order id in the payment's metadata.</summary>
    private static Guid? OrderOf(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        Session { Mode: "payment" } session => Guid.TryParse(session.ClientReferenceId, out var id) ? id : null,
        Charge charge => Id(charge.Metadata, "order_id"),
        PaymentIntent intent => Id(intent.Metadata, "order_id"),
        _ => null,
    };

    /// <summary>The order whose payment a dispute is about: a dispute carries no metadata of ours, only the payment's id.</summary>
    private static async Task<Guid?> DisputedOrderAsync(BillingDbContext db, Event stripeEvent, CancellationToken cancellationToken) =>
        stripeEvent.Data.Object is Dispute { PaymentIntentId: { } paymentIntentId }
            ? await db.Orders.Where(o => o.PaymentIntentId == paymentIntentId).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>Which of our subscriptions an event is about, when it says so: a subscription session's client reference, or metadata.</summary>
    private static Guid? SubscriptionOf(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        Session { Mode: "subscription" } session => Guid.TryParse(session.ClientReferenceId, out var id) ? id : null,
        Stripe.Subscription subscription => Id(subscription.Metadata, "subscription_id"),
        Invoice invoice => Id(invoice.Parent?.SubscriptionDetails?.Metadata, "subscription_id"),
        Charge charge => Id(charge.Metadata, "subscription_id"),
        _ => null,
    };

    /// <summary>Stripe's id of the subscription an event is about, for one whose metadata was lost (made in the dashboard, say).</summary>
    private static string? StripeSubscriptionOf(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        Stripe.Subscription subscription => subscription.Id,
        Invoice invoice => invoice.Parent?.SubscriptionDetails?.SubscriptionId,
        _ => null,
    };

    private static Guid? Id(Dictionary<string, string>? metadata, string key) =>
        metadata?.TryGetValue(key, out var value) == true && Guid.TryParse(value, out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}) concerns no order or subscription; recorded and ignored")]
    private static partial void LogIgnored(ILogger logger, string eventId, string type);
}
