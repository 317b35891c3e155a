using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Offers;
using Coursera.Billing.Orders;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Stripe.Checkout;

namespace Coursera.Billing.Subscriptions;

/// <summary>
/// Starts a subscription to a specialization or to Coursera Plus: a Stripe Checkout Session in subscription mode, with
/// the offer's free trial when the learner never had one of this specialization, or of Plus (Coursera's once-per-learner rule). Nothing is granted
/// here: the subscription's entitlements follow Stripe's verified events (<see cref="SubscriptionReconciliation"/>).
/// </summary>
public sealed class SubscriptionCheckouts(IDbContextFactory<BillingDbContext> contexts, StripePrices prices, IStripeClient stripe, TimeProvider clock)
{
    public async Task<MutationPayload<Model.Subscription>> StartAsync(StartCheckoutInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Checkouts.Learner(caller);
        var offerId = Ids.Parse(input.OfferId, "input.offerId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId && o.Active
            && (o.Kind == OfferKind.SpecializationSubscription || o.Kind == OfferKind.CatalogSubscription), cancellationToken);
        if (offer is null)
        {
            return MutationPayload<Model.Subscription>.Refused(UserError.For("OFFER_NOT_FOUND", "No subscription on sale has this id.", "offerId"));
        }

        if (Checkouts.Refusal(offer, input) is { } refusal)
        {
            return MutationPayload<Model.Subscription>.Refused(refusal);
        }

        var price = offer.PriceIn(input.Currency.Trim())!;
        // One family per specialization, and one for Coursera Plus (monthly and yearly alike): a trial once in each.
        var specializationId = offer.SpecializationId;
        var mine = await db.Subscriptions.Where(s => s.LearnerId == learnerId && s.SpecializationId == specializationId).ToListAsync(cancellationToken);
        if (mine.Any(s => s.Entitles))
        {
            return MutationPayload<Model.Subscription>.Refused(UserError.For("ALREADY_SUBSCRIBED",
                specializationId is null ? "You have Coursera Plus already (see viewerSubscriptions)." : "You are subscribed to this specialization already (see viewerSubscriptions).",
                "offerId"));
        }

        // The same learner starting again gets the checkout already open, not a second one.
        var now = clock.GetUtcNow().UtcDateTime;
        if (mine.FirstOrDefault(s => s.State == SubscriptionState.Pending && s.Price == price && s.CheckoutUrl is not null && s.CreatedAt > now.AddHours(-23))
            is { } pending)
        {
            return MutationPayload<Model.Subscription>.Changed(pending);
        }

        var subscription = new Model.Subscription
        {
            LearnerId = learnerId,
            OfferId = offer.Id,
            SpecializationId = specializationId,
            PartnerId = offer.PartnerId,
            Price = price,
            TrialDays = mine.Any(s => s.TrialEndsAt is not null) ? 0 : offer.TrialDays,
            CreatedAt = now,
        };
        var priceId = await prices.EnsureAsync(offer, price, cancellationToken);
        var metadata = new Dictionary<string, string> { ["subscription_id"] = subscription.Id.ToString(), ["learner_id"] = learnerId.ToString() };
        var session = await new SessionService(stripe).CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems = [new SessionLineItemOptions { Price = priceId, Quantity = 1 }],
            ClientReferenceId = subscription.Id.ToString(),
            CustomerEmail = caller.Email,
            SuccessUrl = input.SuccessUrl,
            CancelUrl = input.CancelUrl,
            Metadata = metadata,
            SubscriptionData = new SessionSubscriptionDataOptions
            {
                TrialPeriodDays = subscription.TrialDays > 0 ? subscription.TrialDays : null,
                Metadata = metadata,
            },
        }, new RequestOptions { IdempotencyKey = $"subscribe-{subscription.Id}" }, cancellationToken);
        subscription.CheckoutSessionId = session.Id;
        subscription.CheckoutUrl = session.Url;
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Model.Subscription>.Changed(subscription);
    }
}
