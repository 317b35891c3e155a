using System.Net;
using Stripe;
using Stripe.Checkout;

namespace Coursera.Billing.Tests;

/// <summary>
/// The Stripe emulator's disputes and delayed payments, read through the real Stripe.net as the billing service reads
/// them: the card Stripe disputes as fraudulent leaves a charge marked disputed and a dispute found by its payment,
/// decided by the test-mode evidence (winning_evidence won, losing_evidence lost, anything else under review) or by
/// accepting it, after which it takes no change; a SEPA Direct Debit completes the session unpaid with the payment
/// processing until the bank's answer (settle), paid for Stripe's succeeding IBAN and returned for insufficient funds
/// for the failing one; each step raises the events Stripe sends, in Stripe's order.
/// </summary>
public sealed class StripeEmulatorDisputeTests(StripeEmulatorApp stripe) : IClassFixture<StripeEmulatorApp>
{
    private readonly StripeClient _client = new("sk_test_emulator", apiBase: stripe.Address.TrimEnd('/'));

    [Fact]
    public async Task The_disputed_card_pays_then_its_charge_is_disputed_and_winning_evidence_wins_the_dispute_for_good()
    {
        var session = await PaymentSessionAsync(4900, "usd");
        using (var page = await stripe.PayAsync(session.Url, "4000 0000 0000 0259"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }

        session = await new SessionService(_client).GetAsync(session.Id);
        Assert.Equal(("complete", "paid"), (session.Status, session.PaymentStatus));
        var intent = await new PaymentIntentService(_client).GetAsync(session.PaymentIntentId);
        Assert.Equal(("succeeded", 4900L), (intent.Status, intent.AmountReceived));
        var charge = await new ChargeService(_client).GetAsync(intent.LatestChargeId);
        Assert.True(charge.Paid);
        Assert.True(charge.Disputed);

        var disputes = new DisputeService(_client);
        var listed = Assert.Single((await disputes.ListAsync(new DisputeListOptions { PaymentIntent = intent.Id })).Data);
        Assert.Equal(listed.Id, Assert.Single((await disputes.ListAsync(new DisputeListOptions { Charge = charge.Id })).Data).Id);
        var dispute = await disputes.GetAsync(listed.Id);
        Assert.StartsWith("dp_", dispute.Id, StringComparison.Ordinal);
        Assert.Equal(("fraudulent", "needs_response", 4900L, "usd"), (dispute.Reason, dispute.Status, dispute.Amount, dispute.Currency));
        Assert.Equal((charge.Id, intent.Id), (dispute.ChargeId, dispute.PaymentIntentId));
        Assert.False(dispute.IsChargeRefundable);
        Assert.False(dispute.Livemode);
        Assert.Empty(dispute.BalanceTransactions);
        Assert.Null(dispute.Evidence.UncategorizedText);
        Assert.Equal((false, false, 0L), (dispute.EvidenceDetails.HasEvidence, dispute.EvidenceDetails.PastDue, dispute.EvidenceDetails.SubmissionCount));
        Assert.True(dispute.EvidenceDetails.DueBy > DateTime.UtcNow);

        // The bank holds the money now: Stripe refunds no disputed charge.
        var refused = await Assert.ThrowsAsync<StripeException>(() => new RefundService(_client).CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id }));
        Assert.Equal((HttpStatusCode.BadRequest, "charge_disputed"), (refused.HttpStatusCode, refused.StripeError.Code));

        dispute = await disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence", CustomerEmailAddress = "learner@example.org" },
            Metadata = new Dictionary<string, string> { ["order_id"] = "order-1" },
        });
        Assert.Equal("won", dispute.Status);
        Assert.Equal((true, 1L), (dispute.EvidenceDetails.HasEvidence, dispute.EvidenceDetails.SubmissionCount));
        Assert.Equal(("winning_evidence", "learner@example.org"), (dispute.Evidence.UncategorizedText, dispute.Evidence.CustomerEmailAddress));
        Assert.Equal("order-1", dispute.Metadata["order_id"]);
        Assert.Equal("won", (await disputes.GetAsync(dispute.Id)).Status);
        Assert.True((await new ChargeService(_client).GetAsync(charge.Id)).Disputed);

        // Decided: neither updated nor accepted any more.
        var closed = await Assert.ThrowsAsync<StripeException>(() => disputes.UpdateAsync(dispute.Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "losing_evidence" },
        }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (closed.HttpStatusCode, closed.StripeError.Type));
        closed = await Assert.ThrowsAsync<StripeException>(() => disputes.CloseAsync(dispute.Id));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (closed.HttpStatusCode, closed.StripeError.Type));
        Assert.Equal("won", (await disputes.GetAsync(dispute.Id)).Status);

        Assert.Equal(["checkout.session.completed", "charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed"],
            await EventTypesAsync(session.Id, dispute.Id));
    }

    [Fact]
    public async Task Losing_evidence_loses_accepting_loses_and_other_evidence_leaves_it_under_review_with_the_evidence_final()
    {
        var disputes = new DisputeService(_client);

        // Staged first (submit=false): nothing is decided, nothing submitted; then submitted, and lost.
        var losing = await DisputedAsync();
        losing = await disputes.UpdateAsync(losing.Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "losing_evidence" },
            Submit = false,
        });
        Assert.Equal(("needs_response", true, 0L), (losing.Status, losing.EvidenceDetails.HasEvidence, losing.EvidenceDetails.SubmissionCount));
        losing = await disputes.UpdateAsync(losing.Id, new DisputeUpdateOptions());
        Assert.Equal(("lost", 1L), (losing.Status, losing.EvidenceDetails.SubmissionCount));
        Assert.Equal(["charge.dispute.created", "charge.dispute.updated", "charge.dispute.updated", "charge.dispute.closed"],
            await EventTypesAsync(losing.Id));

        // Accepted: lost at once, and only once.
        var accepted = await disputes.CloseAsync((await DisputedAsync()).Id);
        Assert.Equal(("lost", 0L), (accepted.Status, accepted.EvidenceDetails.SubmissionCount));
        var again = await Assert.ThrowsAsync<StripeException>(() => disputes.CloseAsync(accepted.Id));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (again.HttpStatusCode, again.StripeError.Type));
        Assert.Equal(["charge.dispute.created", "charge.dispute.closed"], await EventTypesAsync(accepted.Id));

        // Any other evidence is for the bank to weigh: under review, its evidence no longer changed, its metadata still.
        var reviewed = await disputes.UpdateAsync((await DisputedAsync()).Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "The learner watched every lecture of the course." },
        });
        Assert.Equal(("under_review", 1L), (reviewed.Status, reviewed.EvidenceDetails.SubmissionCount));
        var final = await Assert.ThrowsAsync<StripeException>(() => disputes.UpdateAsync(reviewed.Id, new DisputeUpdateOptions
        {
            Evidence = new DisputeEvidenceOptions { UncategorizedText = "winning_evidence" },
        }));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request_error"), (final.HttpStatusCode, final.StripeError.Type));
        reviewed = await disputes.UpdateAsync(reviewed.Id, new DisputeUpdateOptions { Metadata = new Dictionary<string, string> { ["case"] = "42" } });
        Assert.Equal(("under_review", "42"), (reviewed.Status, reviewed.Metadata["case"]));
        Assert.Equal(["charge.dispute.created", "charge.dispute.updated", "charge.dispute.updated"], await EventTypesAsync(reviewed.Id));

        var unknown = await Assert.ThrowsAsync<StripeException>(() => disputes.GetAsync("dp_unknown"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.HttpStatusCode);
    }

    [Fact]
    public async Task A_sepa_debit_leaves_the_payment_processing_until_the_bank_pays_it_and_settling_twice_is_refused()
    {
        var session = await PaymentSessionAsync(4500, "eur");
        using (var page = await stripe.PayAsync(session.Url, "de89 3704 0044 0532 0130 00"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal($"https://learn.example/paid?session={session.Id}", page.Headers.Location?.ToString());
        }

        session = await new SessionService(_client).GetAsync(session.Id);
        Assert.Equal(("complete", "unpaid"), (session.Status, session.PaymentStatus));
        var intents = new PaymentIntentService(_client);
        var intent = await intents.GetAsync(session.PaymentIntentId);
        Assert.Equal(("processing", 0L), (intent.Status, intent.AmountReceived));
        var method = await new PaymentMethodService(_client).GetAsync(intent.PaymentMethodId);
        Assert.Equal(("sepa_debit", "3000", "DE", "37040044"), (method.Type, method.SepaDebit.Last4, method.SepaDebit.Country, method.SepaDebit.BankCode));
        var charges = new ChargeService(_client);
        var charge = await charges.GetAsync(intent.LatestChargeId);
        Assert.Equal(("pending", false, false), (charge.Status, charge.Paid, charge.Disputed));
        Assert.Equal("order-1", charge.Metadata["order_id"]);

        await stripe.ControlAsync($"/_emulator/payment_intents/{intent.Id}/settle");
        intent = await intents.GetAsync(intent.Id);
        Assert.Equal(("succeeded", 4500L), (intent.Status, intent.AmountReceived));
        charge = await charges.GetAsync(charge.Id);
        Assert.Equal(("succeeded", true), (charge.Status, charge.Paid));
        session = await new SessionService(_client).GetAsync(session.Id);
        Assert.Equal(("complete", "paid"), (session.Status, session.PaymentStatus));
        Assert.Empty((await new DisputeService(_client).ListAsync(new DisputeListOptions { PaymentIntent = intent.Id })).Data);
        Assert.Equal(["checkout.session.completed", "payment_intent.succeeded", "checkout.session.async_payment_succeeded"],
            await EventTypesAsync(session.Id, intent.Id));

        // The bank answers once: the intent is no longer processing.
        var twice = await Assert.ThrowsAsync<HttpRequestException>(() => stripe.ControlAsync($"/_emulator/payment_intents/{intent.Id}/settle"));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var unknown = await Assert.ThrowsAsync<HttpRequestException>(() => stripe.ControlAsync("/_emulator/payment_intents/pi_unknown/settle"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_sepa_debit_returned_for_insufficient_funds_fails_the_payment_and_leaves_the_session_unpaid()
    {
        var session = await PaymentSessionAsync(4500, "eur");
        using (var page = await stripe.PayAsync(session.Url, "DE62370400440532013001"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }

        var intents = new PaymentIntentService(_client);
        var intent = await intents.GetAsync((await new SessionService(_client).GetAsync(session.Id)).PaymentIntentId);
        Assert.Equal("processing", intent.Status);
        await stripe.ControlAsync($"/_emulator/payment_intents/{intent.Id}/settle");

        intent = await intents.GetAsync(intent.Id);
        Assert.Equal(("requires_payment_method", 0L, (string?)null), (intent.Status, intent.AmountReceived, intent.PaymentMethodId));
        Assert.Equal(("insufficient_funds", intent.LatestChargeId), (intent.LastPaymentError.Code, intent.LastPaymentError.Charge));
        Assert.Equal("sepa_debit", intent.LastPaymentError.PaymentMethod.Type);
        var charge = await new ChargeService(_client).GetAsync(intent.LatestChargeId);
        Assert.Equal(("failed", false, "insufficient_funds"), (charge.Status, charge.Paid, charge.FailureCode));
        Assert.False(string.IsNullOrEmpty(charge.FailureMessage));
        session = await new SessionService(_client).GetAsync(session.Id);
        Assert.Equal(("complete", "unpaid"), (session.Status, session.PaymentStatus));
        Assert.Equal(["checkout.session.completed", "payment_intent.payment_failed", "checkout.session.async_payment_failed"],
            await EventTypesAsync(session.Id, intent.Id));

        var twice = await Assert.ThrowsAsync<HttpRequestException>(() => stripe.ControlAsync($"/_emulator/payment_intents/{intent.Id}/settle"));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task Checkout_takes_no_iban_for_a_subscription_nor_an_unknown_one_and_the_disputed_card_renews_a_subscription_undisputed()
    {
        var unknownIban = await PaymentSessionAsync(4500, "eur");
        using (var page = await stripe.PayAsync(unknownIban.Url, "DE00 1234 5678 9012 3456 78"))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, page.StatusCode);
            Assert.Contains("test IBAN", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal("open", (await new SessionService(_client).GetAsync(unknownIban.Id)).Status);

        var product = await new ProductService(_client).CreateAsync(new ProductCreateOptions { Name = "Coursera Plus" });
        var monthly = await new PriceService(_client).CreateAsync(new PriceCreateOptions
        {
            Product = product.Id, Currency = "eur", UnitAmount = 5900, Recurring = new PriceRecurringOptions { Interval = "month" },
        });
        var session = await new SessionService(_client).CreateAsync(new SessionCreateOptions
        {
            Mode = "subscription",
            LineItems = [new SessionLineItemOptions { Price = monthly.Id, Quantity = 1 }],
            CustomerEmail = "learner@example.org",
            SuccessUrl = "https://learn.example/subscribed",
        });
        using (var page = await stripe.PayAsync(session.Url, "DE89 3704 0044 0532 0130 00"))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, page.StatusCode);
            Assert.Contains("SEPA Direct Debit", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null((await new SessionService(_client).GetAsync(session.Id)).SubscriptionId);
        using (var page = await stripe.PayAsync(session.Url, "4000000000000259"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }

        var subscription = await new SubscriptionService(_client).GetAsync((await new SessionService(_client).GetAsync(session.Id)).SubscriptionId);
        Assert.Equal("active", subscription.Status);
        var invoice = await new InvoiceService(_client).GetAsync(subscription.LatestInvoiceId);
        var intentId = invoice.Payments.Data.Single().Payment.PaymentIntentId;
        var charge = await new ChargeService(_client).GetAsync((await new PaymentIntentService(_client).GetAsync(intentId)).LatestChargeId);
        Assert.Equal((true, false), (charge.Paid, charge.Disputed));
        Assert.Empty((await new DisputeService(_client).ListAsync(new DisputeListOptions { PaymentIntent = intentId })).Data);
    }

    /// <summary>A charge disputed as fraudulent: a payment-mode checkout paid with Stripe's disputed card.</summary>
    private async Task<Dispute> DisputedAsync()
    {
        var session = await PaymentSessionAsync(4900, "usd");
        using (var page = await stripe.PayAsync(session.Url, "4000000000000259"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        }

        var intentId = (await new SessionService(_client).GetAsync(session.Id)).PaymentIntentId;
        return Assert.Single((await new DisputeService(_client).ListAsync(new DisputeListOptions { PaymentIntent = intentId })).Data);
    }

    private async Task<Session> PaymentSessionAsync(long amount, string currency)
    {
        var product = await new ProductService(_client).CreateAsync(new ProductCreateOptions { Name = "Machine Learning certificate" });
        var price = await new PriceService(_client).CreateAsync(new PriceCreateOptions { Product = product.Id, Currency = currency, UnitAmount = amount });
        return await new SessionService(_client).CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            LineItems = [new SessionLineItemOptions { Price = price.Id, Quantity = 1 }],
            ClientReferenceId = "order-1",
            CustomerEmail = "learner@example.org",
            SuccessUrl = "https://learn.example/paid?session={CHECKOUT_SESSION_ID}",
            CancelUrl = "https://learn.example/cancel",
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["order_id"] = "order-1" } },
        });
    }

    /// <summary>The types of the events about any of <paramref name="ids"/>, oldest first, as Stripe's event list has them.</summary>
    private async Task<List<string>> EventTypesAsync(params string[] ids)
    {
        var events = await new EventService(_client).ListAsync(new EventListOptions { Limit = 100 });
        return [.. events.Data.Where(e => e.Data.Object is IHasId subject && ids.Contains(subject.Id)).Reverse().Select(e => e.Type)];
    }
}
