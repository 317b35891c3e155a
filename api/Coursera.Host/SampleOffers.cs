using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Offers;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Host;

/// <summary>
/// The all-in-one host's sample offers: every public course of the sample catalog sells its certificate at 49 USD,
/// 45 EUR, 39 GBP or 1,999 INR (a regional price); every specialization a monthly subscription at the same prices with a
/// 7-day free trial, as Coursera's; and Coursera Plus, every course, at 59 USD a month or 399 USD a year (7-day trial), or as 1-, 3- and 6-month passes
/// paid once in INR. A step of the billing store, after the catalog's; only when the
/// catalog is seeded and there is no offer yet.
/// </summary>
public sealed partial class SampleOffers(IDbContextFactory<CatalogDbContext> catalogs, IConfiguration configuration, TimeProvider clock,
    ILogger<SampleOffers> logger) : IStoreStep<BillingDbContext>
{
    public static IReadOnlyList<Money> CertificatePrices { get; } = [new(4900, "USD"), new(4500, "EUR"), new(3900, "GBP"), new(199_900, "INR")];

    public static IReadOnlyList<Money> PlusMonthlyPrices { get; } = [new(5900, "USD"), new(5500, "EUR"), new(4900, "GBP"), new(249_900, "INR")];

    /// <summary>India's passes: recurring card payments there need e-mandates, so Coursera sells fixed months paid once.</summary>
    public static IReadOnlyList<(int Months, Money Price)> PassPrices { get; } = [(1, new(249_900, "INR")), (3, new(649_900, "INR")), (6, new(1_099_900, "INR"))];

    public static IReadOnlyList<Money> PlusAnnualPrices { get; } = [new(39_900, "USD"), new(37_900, "EUR"), new(32_900, "GBP"), new(1_599_900, "INR")];

    public async Task RunAsync(BillingDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!configuration.GetValue<bool>("Catalog:Seed") || await db.Offers.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var catalog = await catalogs.CreateDbContextAsync(cancellationToken);
        var courses = await catalog.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published)
            .Select(c => new { c.Id, c.PartnerId, c.Title }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Offers.AddRange(courses.Select(c => new Offer
        {
            Kind = OfferKind.CourseCertificate,
            CourseId = c.Id,
            PartnerId = c.PartnerId,
            Title = $"{c.Title}: certificate",
            Prices = [.. CertificatePrices],
            CreatedAt = now,
        }));
        var specializations = await catalog.Specializations.AsNoTracking().Select(s => new { s.Id, s.PartnerId, s.Title }).ToListAsync(cancellationToken);
        db.Offers.AddRange(specializations.Select(s => new Offer
        {
            Kind = OfferKind.SpecializationSubscription,
            SpecializationId = s.Id,
            PartnerId = s.PartnerId,
            Title = $"{s.Title}: monthly subscription",
            Prices = [.. CertificatePrices],
            TrialDays = OfferCatalog.DefaultTrialDays,
            CreatedAt = now,
        }));
        db.Offers.AddRange(
            new Offer
            {
                Kind = OfferKind.CatalogSubscription, PartnerId = Offer.Platform, Title = "Coursera Plus: monthly", Prices = [.. PlusMonthlyPrices],
                TrialDays = OfferCatalog.DefaultTrialDays, Interval = BillingInterval.Month, CreatedAt = now,
            },
            new Offer
            {
                Kind = OfferKind.CatalogSubscription, PartnerId = Offer.Platform, Title = "Coursera Plus: annual", Prices = [.. PlusAnnualPrices],
                TrialDays = OfferCatalog.DefaultTrialDays, Interval = BillingInterval.Year, CreatedAt = now,
            });
        db.Offers.AddRange(PassPrices.Select(pass => new Offer
        {
            Kind = OfferKind.CatalogPass, PartnerId = Offer.Platform, Title = $"Coursera Plus: {pass.Months} month{(pass.Months > 1 ? "s" : "")}, paid once",
            Prices = [pass.Price], PassMonths = pass.Months, CreatedAt = now,
        }));
        var seeded = await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, seeded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample data: {Count} course certificates, specialization subscriptions and Coursera Plus plans on sale")]
    private static partial void LogSeeded(ILogger logger, int count);
}
