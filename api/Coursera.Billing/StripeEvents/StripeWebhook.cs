using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Orders;
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
public sealed partial class StripeWebhook(IDbContextFactory<BillingDbContext> contexts, OrderReconciliation orders, IOptions<BillingOptions> options,
    TimeProvider clock, ILogger<StripeWebhook> logger)
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

        if (OrderOf(stripeEvent) is { } orderId)
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

    /// <summary>Which order an event is about: the session's client reference, or the order id in the payment's metadata.</summary>
    private static Guid? OrderOf(Event stripeEvent) => stripeEvent.Data.Object switch
    {
        Session session => Guid.TryParse(session.ClientReferenceId, out var id) ? id : null,
        Charge charge => charge.Metadata?.TryGetValue("order_id", out var value) == true && Guid.TryParse(value, out var id) ? id : null,
        PaymentIntent intent => intent.Metadata?.TryGetValue("order_id", out var value) == true && Guid.TryParse(value, out var id) ? id : null,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}) concerns no order; recorded and ignored")]
    private static partial void LogIgnored(ILogger logger, string eventId, string type);
}
