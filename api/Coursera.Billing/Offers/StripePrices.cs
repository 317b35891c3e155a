using Coursera.Billing.Model;
using Stripe;

namespace Coursera.Billing.Offers;

/// <summary>
/// Keeps Stripe's Products and Prices in step with the offers: an offer's price in a currency is the Stripe Price
/// holding its lookup key; a changed amount makes a new Price that takes the key over (Stripe Prices never change).
/// </summary>
public sealed class StripePrices(IStripeClient stripe)
{
    /// <summary>The Stripe Price id of <paramref name="offer"/> in <paramref name="price"/>'s currency, made when missing or stale.</summary>
    public async Task<string> EnsureAsync(Offer offer, Money price, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(price);
        var lookupKey = offer.LookupKey(price.Currency);
        var prices = new PriceService(stripe);
        var found = await prices.ListAsync(new PriceListOptions { LookupKeys = [lookupKey], Active = true }, cancellationToken: cancellationToken);
        if (found.Data.FirstOrDefault() is { } current && current.UnitAmount == price.Amount
            && string.Equals(current.Currency, price.Currency, StringComparison.OrdinalIgnoreCase) && current.Recurring?.Interval == Interval(offer))
        {
            return current.Id;
        }

        offer.StripeProductId ??= (await new ProductService(stripe).CreateAsync(new ProductCreateOptions
        {
            Name = offer.Title,
            Metadata = new Dictionary<string, string>
            {
                ["offer_id"] = offer.Id.ToString(), ["course_id"] = offer.CourseId?.ToString() ?? "", ["specialization_id"] = offer.SpecializationId?.ToString() ?? "",
            },
        }, new RequestOptions { IdempotencyKey = $"product-{offer.Id}" }, cancellationToken)).Id;
        var created = await prices.CreateAsync(new PriceCreateOptions
        {
            Product = offer.StripeProductId,
            Currency = price.Currency.ToLowerInvariant(),
            UnitAmount = price.Amount,
            LookupKey = lookupKey,
            TransferLookupKey = true,
            Recurring = Interval(offer) is { } interval ? new PriceRecurringOptions { Interval = interval } : null,
            Metadata = new Dictionary<string, string> { ["offer_id"] = offer.Id.ToString() },
        }, new RequestOptions { IdempotencyKey = $"price-{offer.Id}-{price.Currency}-{price.Amount}" }, cancellationToken);
        return created.Id;
    }

    /// <summary>Stripe's recurring interval of the offer's Prices; null for a one-time payment.</summary>
    private static string? Interval(Offer offer) => offer.IsSubscription ? offer.Interval == BillingInterval.Year ? "year" : "month" : null;
}
