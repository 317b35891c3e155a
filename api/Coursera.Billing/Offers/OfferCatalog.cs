using Coursera.Billing.Audit;
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
    public const int DefaultTrialDays = 7;

    /// <summary>The course's certificate, then the subscriptions of the specializations it is part of, then Coursera Plus and the passes.</summary>
    public async Task<IReadOnlyList<Offer>> OfCourseAsync(Guid courseId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var specializations = db.SpecializationCourses.Where(c => c.CourseId == courseId).Select(c => (Guid?)c.SpecializationId);
        return await db.Offers.AsNoTracking().Where(o => o.Active && (o.CourseId == courseId || specializations.Contains(o.SpecializationId) || o.Kind == OfferKind.CatalogSubscription || o.Kind == OfferKind.CatalogPass))
            .OrderBy(o => o.Kind).ThenBy(o => o.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Offer>> OfSpecializationAsync(Guid specializationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Offers.AsNoTracking().Where(o => o.Active && o.SpecializationId == specializationId).OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<MutationPayload<Offer>> CreateAsync(CreateOfferInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        PlatformAdministrators.Require(caller, "Offers are set by platform administrators.");

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

        var catalog = input.Catalog == true;
        if (new[] { input.CourseId is not null, input.SpecializationId is not null, catalog }.Count(sold => sold) != 1)
        {
            return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER",
                "An offer sells one thing: a course's certificate (courseId), a specialization's subscription (specializationId) or Coursera Plus (catalog: true).",
                input.CourseId is null ? "courseId" : "specializationId"));
        }

        if (input.PassMonths is not null && (!catalog || input.PassMonths is not (1 or 3 or 6) || input.Interval is not null || input.TrialDays is not null))
        {
            return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER", "passMonths, 1, 3 or 6, sells a pass to the catalog: with catalog: true, no interval, no trial.",
                "passMonths"));
        }

        var subscription = input.SpecializationId is not null || (catalog && input.PassMonths is null);
        if (input.TrialDays is < 0 or > 30 || (input.TrialDays is not null && !subscription))
        {
            return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER", "trialDays, 0 to 30, is for a subscription only.", "trialDays"));
        }

        if ((input.Interval is not null && !subscription) || (input.Interval == BillingInterval.Year && !catalog))
        {
            return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER", "interval is for a subscription; YEAR for Coursera Plus only.", "interval"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        Offer offer;
        if (catalog)
        {
            if (input.PartnerId is not null)
            {
                return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER", "Coursera Plus is the platform's: no partnerId.", "partnerId"));
            }

            offer = input.PassMonths is { } months
                ? new Offer { Kind = OfferKind.CatalogPass, PartnerId = Offer.Platform, Title = title, Prices = prices, PassMonths = months, CreatedAt = now }
                : new Offer
                {
                    Kind = OfferKind.CatalogSubscription, PartnerId = Offer.Platform, Title = title, Prices = prices, TrialDays = input.TrialDays ?? DefaultTrialDays,
                    Interval = input.Interval ?? BillingInterval.Month, CreatedAt = now,
                };
        }
        else if (input.SpecializationId is not null)
        {
            var specializationId = Ids.Parse(input.SpecializationId, "input.specializationId");

            // The catalog's specialization.created tells which partner it is and which courses it covers.
            var partnerId = await db.SpecializationCourses.Where(c => c.SpecializationId == specializationId).Select(c => (Guid?)c.PartnerId)
                .FirstOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return MutationPayload<Offer>.Refused(UserError.For("SPECIALIZATION_NOT_FOUND", "No specialization with courses has this id (yet: the catalog's event may be on its way).",
                    "specializationId"));
            }

            if (input.PartnerId is not null && Ids.Parse(input.PartnerId, "input.partnerId") != partnerId)
            {
                return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER", "The partner of a specialization's subscription is the specialization's.", "partnerId"));
            }

            offer = new Offer
            {
                Kind = OfferKind.SpecializationSubscription, SpecializationId = specializationId, PartnerId = partnerId.Value, Title = title, Prices = prices,
                TrialDays = input.TrialDays ?? DefaultTrialDays, CreatedAt = now,
            };
        }
        else
        {
            if (input.PartnerId is null)
            {
                return MutationPayload<Offer>.Refused(UserError.For("INVALID_OFFER", "A course's certificate needs the course's partner (partnerId).", "partnerId"));
            }

            offer = new Offer
            {
                Kind = OfferKind.CourseCertificate, CourseId = Ids.Parse(input.CourseId!, "input.courseId"), PartnerId = Ids.Parse(input.PartnerId, "input.partnerId"),
                Title = title, Prices = prices, CreatedAt = now,
            };
        }

        db.Offers.Add(offer);
        AuditTrail.Record(db, caller, "offer.created", $"offer:{offer.Id}",
            $"{offer.Kind} {string.Join(", ", offer.Prices.Select(p => $"{p.Amount} {p.Currency}"))}", now);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Offer>.Changed(offer);
    }
}
