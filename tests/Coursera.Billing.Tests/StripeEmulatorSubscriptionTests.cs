using System.Net;
using Stripe;
using Stripe.Checkout;

namespace Coursera.Billing.Tests;

/// <summary>
/// The Stripe emulator's subscriptions, read through the real Stripe.net as the billing service reads them (the period
/// on the items, an invoice's subscription under its parent): a trial started with a card whose charges fail, its
/// renewal declined (past due, the unpaid period kept), a new card and the retry paid (active for the next period), a
/// cancellation at the period's end that ends it at the next advance; without a trial the first invoice is charged and
/// canceling ends it at once; checkout refuses a price of the wrong kind for its mode.
/// </summary>
public sealed class StripeEmulatorSubscriptionTests(StripeEmulatorApp stripe) : IClassFixture<StripeEmulatorApp>
{
    private readonly StripeClient _client = new("sk_test_emulator", apiBase: stripe.Address.TrimEnd('/'));

    [Fact]
    public async Task A_trial_whose_card_fails_goes_past_due_is_paid_with_a_new_card_and_ends_at_the_period_it_was_canceled_for()
    {
        var price = await PriceAsync(5900, "month");
        var session = await new SessionService(_client).CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems = [new SessionLineItemOptions { Price = price.Id, Quantity = 1 }],
            ClientReferenceId = "plan-1",
            CustomerEmail = "learner@example.org",
            SuccessUrl = "https://learn.example/subscribed?session={CHECKOUT_SESSION_ID}",
            CancelUrl = "https://learn.example/cancel",
            Metadata = new Dictionary<string, string> { ["plan_id"] = "plan-1" },
            SubscriptionData = new SessionSubscriptionDataOptions
            {
                TrialPeriodDays = 7,
                Metadata = new Dictionary<string, string> { ["learner_id"] = "learner-1" },
            },
        });
        Assert.Equal("subscription", session.Mode);
        Assert.Null(session.SubscriptionId);
        Assert.Equal(5900, session.AmountTotal); // the price, trial or not, as Stripe shows it
        Assert.Equal("unpaid", session.PaymentStatus);

        // Stripe's "attaches, but charges fail" card starts the trial, since nothing is charged yet.
        using (var page = await stripe.PayAsync(session.Url, "4000 0000 0000 0341"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }

        session = await new SessionService(_client).GetAsync(session.Id);
        Assert.Equal(("complete", "no_payment_required"), (session.Status, session.PaymentStatus));
        Assert.StartsWith("cus_", session.CustomerId, StringComparison.Ordinal);
        var subscriptions = new SubscriptionService(_client);
        var invoices = new InvoiceService(_client);
        var subscription = await subscriptions.GetAsync(session.SubscriptionId);
        Assert.Equal("trialing", subscription.Status);
        Assert.Equal(session.CustomerId, subscription.CustomerId);
        Assert.Equal("learner-1", subscription.Metadata["learner_id"]);
        Assert.False(subscription.CancelAtPeriodEnd);
        var trial = subscription.Items.Data.Single();
        Assert.Equal(price.Id, trial.Price.Id);
        Assert.Equal(subscription.TrialEnd, (DateTime?)trial.CurrentPeriodEnd);
        Assert.Equal(TimeSpan.FromDays(7), trial.CurrentPeriodEnd - trial.CurrentPeriodStart);
        var first = await invoices.GetAsync(subscription.LatestInvoiceId);
        Assert.Equal(("paid", "subscription_create", 0L), (first.Status, first.BillingReason, first.AmountPaid));
        Assert.Equal(subscription.Id, first.Parent.SubscriptionDetails.SubscriptionId);
        Assert.Equal("learner-1", first.Parent.SubscriptionDetails.Metadata["learner_id"]);

        // The trial ends: the renewal is declined, the subscription is past due and keeps the period it has not paid past.
        await stripe.ControlAsync($"/_emulator/subscriptions/{subscription.Id}/advance");
        subscription = await subscriptions.GetAsync(subscription.Id);
        Assert.Equal("past_due", subscription.Status);
        Assert.Equal(trial.CurrentPeriodEnd, subscription.Items.Data[0].CurrentPeriodEnd);
        var renewal = await invoices.GetAsync(subscription.LatestInvoiceId);
        Assert.Equal(("open", "subscription_cycle", 5900L, 0L, 1L),
            (renewal.Status, renewal.BillingReason, renewal.AmountDue, renewal.AmountPaid, renewal.AttemptCount));
        Assert.NotNull(renewal.NextPaymentAttempt);
        Assert.Equal(subscription.Id, renewal.Parent.SubscriptionDetails.SubscriptionId);

        // A new card (the customer portal's doing), and the retry pays: active for the month after the trial.
        await stripe.ControlAsync($"/_emulator/subscriptions/{subscription.Id}/payment-method?card=4242424242424242");
        await stripe.ControlAsync($"/_emulator/subscriptions/{subscription.Id}/advance");
        subscription = await subscriptions.GetAsync(subscription.Id);
        Assert.Equal("active", subscription.Status);
        var month = subscription.Items.Data.Single();
        Assert.Equal(trial.CurrentPeriodEnd, month.CurrentPeriodStart);
        Assert.InRange((month.CurrentPeriodEnd - month.CurrentPeriodStart).TotalDays, 28, 31);
        renewal = await invoices.GetAsync(renewal.Id);
        Assert.Equal(renewal.Id, subscription.LatestInvoiceId);
        Assert.Equal(("paid", 5900L, 2L, (DateTime?)null), (renewal.Status, renewal.AmountPaid, renewal.AttemptCount, renewal.NextPaymentAttempt));
        var intent = await new PaymentIntentService(_client).GetAsync(renewal.Payments.Data.Single().Payment.PaymentIntentId);
        Assert.Equal("succeeded", intent.Status);
        var charge = await new ChargeService(_client).GetAsync(intent.LatestChargeId);
        Assert.True(charge.Paid);
        Assert.Equal("learner-1", charge.Metadata["learner_id"]);

        // Canceled at the period's end: active until then, then canceled with nothing more charged.
        subscription = await subscriptions.UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { CancelAtPeriodEnd = true });
        Assert.Equal(("active", true), (subscription.Status, subscription.CancelAtPeriodEnd));
        Assert.Null(subscription.EndedAt);
        await stripe.ControlAsync($"/_emulator/subscriptions/{subscription.Id}/advance");
        subscription = await subscriptions.GetAsync(subscription.Id);
        Assert.Equal("canceled", subscription.Status);
        Assert.NotNull(subscription.EndedAt);
        Assert.Equal(month.CurrentPeriodEnd, subscription.Items.Data[0].CurrentPeriodEnd);
        var all = await invoices.ListAsync(new InvoiceListOptions { Subscription = subscription.Id });
        Assert.Equal(["subscription_cycle", "subscription_create"], all.Data.Select(i => i.BillingReason));

        // Nothing is left to change or to end.
        var refused = await Assert.ThrowsAsync<StripeException>(() =>
            subscriptions.UpdateAsync(subscription.Id, new SubscriptionUpdateOptions { CancelAtPeriodEnd = false }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
        Assert.Equal("invalid_request_error", refused.StripeError.Type);
        await Assert.ThrowsAsync<HttpRequestException>(() => stripe.ControlAsync($"/_emulator/subscriptions/{subscription.Id}/advance"));
    }

    [Fact]
    public async Task Without_a_trial_the_first_invoice_is_charged_a_card_that_fails_is_declined_and_canceling_ends_it_now()
    {
        var price = await PriceAsync(39900, "year");
        var session = await new SessionService(_client).CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems = [new SessionLineItemOptions { Price = price.Id, Quantity = 1 }],
            CustomerEmail = "learner@example.org",
            SuccessUrl = "https://learn.example/subscribed",
            SubscriptionData = new SessionSubscriptionDataOptions { Metadata = new Dictionary<string, string> { ["learner_id"] = "learner-2" } },
        });

        // Money is taken at once, so the card whose charges fail is declined on the page, and nothing is made.
        using (var page = await stripe.PayAsync(session.Url, "4000000000000341"))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, page.StatusCode);
        }

        Assert.Null((await new SessionService(_client).GetAsync(session.Id)).SubscriptionId);
        using (var page = await stripe.PayAsync(session.Url, "4242424242424242"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }

        session = await new SessionService(_client).GetAsync(session.Id);
        Assert.Equal(("complete", "paid"), (session.Status, session.PaymentStatus));
        var subscriptions = new SubscriptionService(_client);
        var subscription = await subscriptions.GetAsync(session.SubscriptionId);
        Assert.Equal("active", subscription.Status);
        Assert.Null(subscription.TrialEnd);
        var year = subscription.Items.Data.Single();
        Assert.InRange((year.CurrentPeriodEnd - year.CurrentPeriodStart).TotalDays, 365, 366);
        var invoice = await new InvoiceService(_client).GetAsync(subscription.LatestInvoiceId);
        Assert.Equal(("paid", "subscription_create", 39900L), (invoice.Status, invoice.BillingReason, invoice.AmountPaid));
        var intent = await new PaymentIntentService(_client).GetAsync(invoice.Payments.Data.Single().Payment.PaymentIntentId);
        var charge = await new ChargeService(_client).GetAsync(intent.LatestChargeId);
        Assert.Equal((39900L, true, "learner-2"), (charge.Amount, charge.Paid, charge.Metadata["learner_id"]));

        subscription = await subscriptions.CancelAsync(subscription.Id);
        Assert.Equal("canceled", subscription.Status);
        Assert.NotNull(subscription.CanceledAt);
        Assert.NotNull(subscription.EndedAt);
        Assert.Equal("canceled", (await subscriptions.GetAsync(subscription.Id)).Status);
    }

    [Fact]
    public async Task Checkout_refuses_a_one_time_price_for_a_subscription_and_a_recurring_one_for_a_payment()
    {
        var monthly = await PriceAsync(5900, "month");
        var oneTime = await new PriceService(_client).CreateAsync(new PriceCreateOptions { Product = monthly.ProductId, Currency = "usd", UnitAmount = 4900 });
        var sessions = new SessionService(_client);
        foreach (var (mode, price) in new[] { ("subscription", oneTime.Id), ("payment", monthly.Id) })
        {
            var refused = await Assert.ThrowsAsync<StripeException>(() => sessions.CreateAsync(new SessionCreateOptions
            {
                Mode = mode,
                LineItems = [new SessionLineItemOptions { Price = price, Quantity = 1 }],
                SuccessUrl = "https://learn.example/paid",
            }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.HttpStatusCode);
            Assert.Equal(("invalid_request_error", "line_items[0][price]"), (refused.StripeError.Type, refused.StripeError.Param));
        }
    }

    private async Task<Price> PriceAsync(long amount, string interval)
    {
        var product = await new ProductService(_client).CreateAsync(new ProductCreateOptions { Name = "Coursera Plus" });
        return await new PriceService(_client).CreateAsync(new PriceCreateOptions
        {
            Product = product.Id,
            Currency = "usd",
            UnitAmount = amount,
            Recurring = new PriceRecurringOptions { Interval = interval },
        });
    }
}
