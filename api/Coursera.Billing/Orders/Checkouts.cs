using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Offers;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace Coursera.Billing.Orders;

/// <summary>
/// Starts a purchase: an order, and a Stripe Checkout Session for it whose URL the learner opens to pay. Nothing is
/// granted here: only Stripe's verified events (<see cref="OrderReconciliation"/>) make an order paid.
/// </summary>
public sealed class Checkouts(IDbContextFactory<BillingDbContext> contexts, StripePrices prices, IStripeClient stripe, TimeProvider clock)
{
    public async Task<MutationPayload<Order>> StartAsync(StartCheckoutInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Learner(caller);
        var offerId = Ids.Parse(input.OfferId, "input.offerId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId && o.Active, cancellationToken);
        if (offer is null)
        {
            return MutationPayload<Order>.Refused(UserError.For("OFFER_NOT_FOUND", "No offer on sale has this id.", "offerId"));
        }

        if (offer.IsSubscription)
        {
            return MutationPayload<Order>.Refused(UserError.For("SUBSCRIPTION_OFFER", "This offer is a subscription: start it with startSubscription.", "offerId"));
        }

        if (Refusal(offer, input) is { } refusal)
        {
            return MutationPayload<Order>.Refused(refusal);
        }

        var price = offer.PriceIn(input.Currency.Trim())!;
        var courseId = offer.CourseId ?? Offer.WholeCatalog; // a pass: every course
        var held = await db.Orders.Where(o => o.LearnerId == learnerId && o.CourseId == courseId
                && (o.State == OrderState.Paid || o.State == OrderState.Processing || o.State == OrderState.Disputed))
            .Select(o => (OrderState?)o.State).FirstOrDefaultAsync(cancellationToken);
        if (held is not null)
        {
            return MutationPayload<Order>.Refused(held == OrderState.Processing
                ? UserError.For("PAYMENT_PROCESSING", "Your bank is still processing a payment for this course.", "offerId")
                : UserError.For("ALREADY_PURCHASED", offer.PassMonths is null ? "You have bought this course already." : "Your pass is still on.", "offerId"));
        }

        // The same learner starting the same purchase again gets the checkout already open, not a second one.
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Orders.Where(o => o.LearnerId == learnerId && o.OfferId == offer.Id && o.State == OrderState.Pending && o.CreatedAt > now.AddHours(-23))
            .ToListAsync(cancellationToken);
        if (open.FirstOrDefault(o => o.Price == price && o.CheckoutUrl is not null) is { } pending)
        {
            return MutationPayload<Order>.Changed(pending);
        }

        var order = new Order { LearnerId = learnerId, OfferId = offer.Id, CourseId = courseId, PassMonths = offer.PassMonths, PartnerId = offer.PartnerId, Price = price, CreatedAt = now };
        var priceId = await prices.EnsureAsync(offer, price, cancellationToken);
        var metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString(), ["learner_id"] = learnerId.ToString() };
        var session = await new SessionService(stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            LineItems = [new SessionLineItemOptions { Price = priceId, Quantity = 1 }],
            ClientReferenceId = order.Id.ToString(),
            CustomerEmail = caller.Email,
            SuccessUrl = input.SuccessUrl,
            CancelUrl = input.CancelUrl,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
        }, new RequestOptions { IdempotencyKey = $"checkout-{order.Id}" }, cancellationToken);
        order.CheckoutSessionId = session.Id;
        order.CheckoutUrl = session.Url;
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Order>.Changed(order);
    }

    /// <summary>What is wrong with buying <paramref name="offer"/> as asked: a currency it is not sold in, or addresses that are not the web's.</summary>
    internal static UserError? Refusal(Offer offer, StartCheckoutInput input)
    {
        if (offer.PriceIn(input.Currency.Trim()) is null)
        {
            return UserError.For("UNSUPPORTED_CURRENCY", $"This offer is sold in {string.Join(", ", offer.Prices.Select(p => p.Currency))}.", "currency");
        }

        return !IsWebAddress(input.SuccessUrl) || !IsWebAddress(input.CancelUrl)
            ? UserError.For("INVALID_URL", "successUrl and cancelUrl are absolute http or https addresses.", IsWebAddress(input.SuccessUrl) ? "cancelUrl" : "successUrl")
            : null;
    }

    internal static Guid Learner(Caller caller) =>
        SignedInUsers.Require(caller, "Sign in to buy.", "Purchases are a learner's own: an API client cannot make them.");

    private static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && value.Length <= 2000;
}
