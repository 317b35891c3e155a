using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Offers;

/// <summary>What is for sale: readable by everyone, set by platform administrators.</summary>
public sealed class OfferCatalog(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<Offer>> OfCourseAsync(Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Offers.AsNoTracking().Where(o => o.CourseId == courseId && o.Active).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<MutationPayload<Offer>> CreateAsync(CreateOfferInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsPlatformAdmin)
        {
            throw caller.IsAuthenticated
                ? GraphQLErrors.Forbidden("Offers are set by platform administrators.")
                : GraphQLErrors.Unauthenticated("Sign in as a platform administrator.");
        }

        var prices = input.Prices.Select(p => new Money(p.Amount, p.Currency.Trim().ToUpperInvariant())).ToList();
        if (input.Title.Trim() is not { Length: > 0 and <= 200 } title)
        {
            return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER", "A title of 1 to 200 characters.", "title"));
        }

        if (prices.Count is 0 or > 20 || prices.Any(p => p.Amount is <= 0 or > 100_000_000 || p.Currency.Length != 3 || !p.Currency.All(char.IsAsciiLetterUpper))
            || prices.DistinctBy(p => p.Currency).Count() != prices.Count)
        {
            return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER",
                "1 to 20 prices, one per ISO 4217 currency, each above 0 and at most 1,000,000.00.", "prices"));
        }

        var offer = new Offer
        {
            Kind = OfferKind.CourseCertificate,
            CourseId = Ids.Parse(input.CourseId, "input.courseId"),
            PartnerId = Ids.Parse(input.PartnerId, "input.partnerId"),
            Title = title,
            Prices = prices,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Offer>.Changed(offer);
    }
}
