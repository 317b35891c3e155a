using Coursera.Billing.Audit;
using Coursera.Billing.Certificates;
using Coursera.Billing.Data;
using Coursera.Billing.FinancialAid;
using Coursera.Billing.Licences;
using Coursera.Billing.Offers;
using Coursera.Billing.Orders;
using Coursera.Billing.Revenue;
using Coursera.Billing.Specializations;
using Coursera.Billing.StripeEvents;
using Coursera.Billing.Subscriptions;
using Coursera.Billing.Subgraph;
using Coursera.Events;
using Coursera.ServiceDefaults.Data;
using Coursera.Subgraphs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Stripe;

namespace Coursera.Billing;

/// <summary>The billing service's only entry points: its own Program and the all-in-one host.</summary>
public static class BillingModule
{
    public const string GraphQLPath = "/subgraphs/billing/graphql";

    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BillingOptions>().Bind(builder.Configuration.GetSection(BillingOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceStore<BillingDbContext>(BillingDbContext.Schema, BillingOptions.Section);
        builder.AddEvents(BillingDbContext.Schema)
            .Handle<CertificateFollower>("billing-certificates")
            .Handle<SpecializationFollower>("billing-specializations");

        // Without a key the service starts (its offers are readable) and a checkout fails with Stripe's authentication error.
        builder.Services.AddSingleton<IStripeClient>(s =>
        {
            var stripe = s.GetRequiredService<IOptions<BillingOptions>>().Value.Stripe;
            return new StripeClient(stripe.SecretKey.Length > 0 ? stripe.SecretKey : "sk_test_not_configured", apiBase: stripe.ApiBase?.AbsoluteUri.TrimEnd('/'));
        });
        builder.Services.AddSingleton<StripePrices>();
        builder.Services.AddSingleton<OfferCatalog>();
        builder.Services.AddSingleton<Checkouts>();
        builder.Services.AddSingleton<OrderReconciliation>();
        builder.Services.AddSingleton<Refunds>();
        builder.Services.AddSingleton<AccessExpiry>();
        builder.Services.AddHostedService(s => s.GetRequiredService<AccessExpiry>());
        builder.Services.AddSingleton<OrderHistory>();
        builder.Services.AddSingleton<SubscriptionCheckouts>();
        builder.Services.AddSingleton<SubscriptionReconciliation>();
        builder.Services.AddSingleton<Cancellations>();
        builder.Services.AddSingleton<SubscriptionHistory>();
        builder.Services.AddSingleton<FinancialAidDesk>();
        builder.Services.AddSingleton<LicenceDesk>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<Ledger>();
        builder.Services.AddSingleton<PartnerShares>();
        builder.Services.AddSingleton<RevenueReport>();
        builder.Services.AddSingleton<StripeWebhook>();
        builder.AddSubgraph<BillingSchema>();
        return builder;
    }

    public static WebApplication MapBilling(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSubgraph<BillingSchema>(path);
        app.MapPost(StripeWebhook.Path, (HttpRequest request, StripeWebhook webhook, CancellationToken cancellationToken) =>
            webhook.ReceiveAsync(request, cancellationToken)).AllowAnonymous().DisableAntiforgery();
        app.MapGet(RevenueReport.CsvPath, (Guid partnerId, string? from, string? to, HttpContext http, RevenueReport report, CancellationToken cancellationToken) =>
            report.CsvAsync(partnerId, from, to, ServiceDefaults.Authentication.Caller.From(http.User), cancellationToken));
        return app;
    }
}
