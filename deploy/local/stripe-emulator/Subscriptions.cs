using System.Globalization;
using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// Subscriptions and their invoices as Stripe bills them since API "basil" (what Stripe.net 53 reads): the current
/// period is on each subscription item (<c>items.data[].current_period_start/end</c>), and an invoice names its
/// subscription at <c>parent.subscription_details.subscription</c>. A subscription starts when a subscription-mode
/// Checkout Session is paid, trialing or active; it is renewed, retried or ended only when
/// <c>POST /_emulator/subscriptions/{id}/advance</c> says its period is over, because the emulator's clock is the
/// wall clock and nobody waits a month (a Stripe test clock's job): the periods follow each other as Stripe's do,
/// while what happens at a period's end (<c>canceled_at</c>, <c>ended_at</c>, payments) is dated now.
/// Every change happens under <see cref="StripeState.Change{T}"/> and is announced by the events Stripe sends for it.
/// </summary>
public sealed class Subscriptions(StripeState state, Payments payments, EventDelivery events)
{
    // Stripe retries a failed renewal days apart (Smart Retries); here the one retry is the next advance, and this is
    // only the date the open invoice shows for it.
    private const long RetryAfter = 3 * 86400;

    private static readonly string[] Explanations = ["comment", "feedback"];

    /// <summary>The trial a subscription-mode Checkout Session asked for (<c>subscription_data[trial_period_days]</c>), 0 without.</summary>
    public static long TrialDays(JsonObject session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session["subscription_data"] is JsonObject data && long.TryParse(StripeApi.Text(data, "trial_period_days"), out var days) ? days : 0;
    }

    /// <summary>When the period of <paramref name="price"/>'s interval begun at <paramref name="start"/> ends: in calendar months and years, as Stripe bills.</summary>
    public static long PeriodEnd(long start, JsonObject price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var recurring = price["recurring"]!.AsObject();
        var count = (int)Number(recurring, "interval_count");
        var from = DateTimeOffset.FromUnixTimeSeconds(start);
        return (StripeApi.Text(recurring, "interval") switch
        {
            "day" => from.AddDays(count),
            "week" => from.AddDays(7 * count),
            "year" => from.AddYears(count),
            _ => from.AddMonths(count),
        }).ToUnixTimeSeconds();
    }

    /// <summary>
    /// What paying subscription-mode <paramref name="session"/> with <paramref name="card"/> (accepted already) makes:
    /// the customer (from <c>customer_email</c>, unless the session named one), the card as its PaymentMethod, the
    /// subscription (trialing for the trial's days, else active for one interval) and its first invoice, paid (nothing
    /// is charged in a trial). Called under the state's lock; the events go out in the order Stripe's handlers expect.
    /// </summary>
    public void Start(JsonObject session, string card)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = state.Now;
        var customer = StripeApi.Text(session, "customer") is { } named && state.Find(named) is { } found
            ? found
            : state.Add("cus", "customer", new JsonObject { ["email"] = StripeApi.Text(session, "customer_email"), ["name"] = null, ["metadata"] = new JsonObject() });
        var method = payments.SaveCard(card, Id(customer), StripeApi.Text(customer, "email"));
        var trialDays = TrialDays(session);
        var lines = session["line_items"]!["data"]!.AsArray();
        var end = trialDays > 0 ? now + (trialDays * 86400) : PeriodEnd(now, lines[0]!["price"]!.AsObject());
        var subscription = state.Add("sub", "subscription", new JsonObject
        {
            ["customer"] = Id(customer), ["status"] = trialDays > 0 ? "trialing" : "active", ["currency"] = StripeApi.Text(session, "currency"),
            ["collection_method"] = "charge_automatically", ["start_date"] = now, ["billing_cycle_anchor"] = trialDays > 0 ? end : now,
            ["trial_start"] = trialDays > 0 ? now : null, ["trial_end"] = trialDays > 0 ? end : null,
            ["cancel_at_period_end"] = false, ["cancel_at"] = null, ["canceled_at"] = null, ["ended_at"] = null,
            ["cancellation_details"] = new JsonObject { ["comment"] = null, ["feedback"] = null, ["reason"] = null },
            ["default_payment_method"] = Id(method), ["latest_invoice"] = null,
            ["metadata"] = session["subscription_data"]?["metadata"]?.DeepClone() ?? new JsonObject(),
        });
        var id = Id(subscription);
        subscription["items"] = new JsonObject
        {
            ["object"] = "list", ["has_more"] = false, ["url"] = $"/v1/subscription_items?subscription={id}",
            ["data"] = new JsonArray([.. lines.Select(line => (JsonNode)new JsonObject
            {
                ["id"] = StripeState.NewId("si"), ["object"] = "subscription_item", ["created"] = now, ["subscription"] = id,
                ["price"] = line!["price"]!.DeepClone(), ["quantity"] = Number(line.AsObject(), "quantity"), ["metadata"] = new JsonObject(),
                ["current_period_start"] = now, ["current_period_end"] = end,
            })]),
        };
        var invoice = NewInvoice(subscription, "subscription_create", now, end, trialDays > 0);

        // The page took the card only if this charge (none in a trial) pays, so the first invoice is always paid.
        Collect(invoice, subscription);
        session["status"] = "complete";
        session["payment_status"] = Number(invoice, "amount_paid") > 0 ? "paid" : "no_payment_required";
        session["customer"] = Id(customer);
        session["subscription"] = id;
        events.Raise("checkout.session.completed", session);
        events.Raise("customer.subscription.created", subscription);
        events.Raise("invoice.paid", invoice);
    }

    /// <summary>
    /// <c>POST /v1/subscriptions/{id}</c>: <c>cancel_at_period_end</c> (Stripe then also sets <c>cancel_at</c> and
    /// <c>canceled_at</c>, the time it was asked), <c>metadata</c>, <c>cancellation_details</c>. A canceled
    /// subscription takes only the last two, as in Stripe.
    /// </summary>
    public IResult Update(string id, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var cancel = StripeApi.Text(body, "cancel_at_period_end");
        if (cancel is not (null or "true" or "false"))
        {
            return StripeError.Invalid($"Invalid boolean: {cancel}", "cancel_at_period_end", "parameter_invalid_boolean");
        }

        return state.Change(() =>
        {
            if (Find(id) is not { } subscription)
            {
                return StripeError.NotFound(id, "subscription");
            }

            if (StripeApi.Text(subscription, "status") == "canceled" && body.Any(p => p.Key is not ("metadata" or "cancellation_details" or "expand")))
            {
                return StripeError.Refused("A canceled subscription can only update its cancellation_details and metadata.", body.First(p => p.Key is not ("metadata" or "cancellation_details" or "expand")).Key);
            }

            var before = Snapshot(subscription);
            if (cancel is not null && cancel != StripeApi.Text(subscription, "cancel_at_period_end"))
            {
                var ending = cancel == "true";
                subscription["cancel_at_period_end"] = ending;
                subscription["cancel_at"] = ending ? Number(Items(subscription)[0]!.AsObject(), "current_period_end") : null;
                subscription["canceled_at"] = ending ? state.Now : null;
                subscription["cancellation_details"]!["reason"] = ending ? "cancellation_requested" : null;
            }

            Merge(subscription["metadata"]!.AsObject(), body["metadata"]);
            Explain(subscription, body);
            Updated(subscription, before);
            return Results.Json(subscription.DeepClone());
        });
    }

    /// <summary><c>DELETE /v1/subscriptions/{id}</c>: canceled now, whatever its period; the open invoice stays as it is.</summary>
    public IResult Cancel(string id, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return state.Change(() =>
        {
            if (Find(id) is not { } subscription)
            {
                return StripeError.NotFound(id, "subscription");
            }

            if (StripeApi.Text(subscription, "status") == "canceled")
            {
                return StripeError.Refused("This subscription has already been canceled.", "subscription");
            }

            subscription["canceled_at"] = state.Now;
            Explain(subscription, body);
            End(subscription, "cancellation_requested");
            return Results.Json(subscription.DeepClone());
        });
    }

    /// <summary>
    /// Ends the current period now, as a test clock moved to <c>current_period_end</c> would: a subscription asked to
    /// cancel at the period's end is canceled; a trialing or active one is invoiced for the next period and charged
    /// (paid: the period moves on and it is active; declined: the invoice stays open for a retry and it is past_due,
    /// its period unchanged); a past_due one has its open invoice retried, once (paid: active for that invoice's period;
    /// declined again: the retries are over and, as Stripe's default settings do, the subscription is canceled).
    /// </summary>
    public IResult Advance(string id) => state.Change(() =>
    {
        if (Find(id) is not { } subscription)
        {
            return StripeError.NotFound(id, "subscription");
        }

        var status = StripeApi.Text(subscription, "status");
        if (status == "canceled")
        {
            return StripeError.Refused("This subscription is canceled: it has no period left to end.", "subscription");
        }

        if (StripeApi.Text(subscription, "cancel_at_period_end") == "true")
        {
            End(subscription, "cancellation_requested");
            return Results.Json(subscription.DeepClone());
        }

        var before = Snapshot(subscription);
        JsonObject invoice;
        if (status == "past_due")
        {
            invoice = state.Find(StripeApi.Text(subscription, "latest_invoice")!)!;
        }
        else
        {
            var start = Number(Items(subscription)[0]!.AsObject(), "current_period_end");
            invoice = NewInvoice(subscription, "subscription_cycle", start, PeriodEnd(start, Items(subscription)[0]!["price"]!.AsObject()), trial: false);
        }

        if (Collect(invoice, subscription))
        {
            foreach (var item in Items(subscription).OfType<JsonObject>())
            {
                item["current_period_start"] = Number(invoice, "period_start");
                item["current_period_end"] = Number(invoice, "period_end");
            }

            subscription["status"] = "active";
            events.Raise("invoice.paid", invoice);
            Updated(subscription, before);
        }
        else if (status == "past_due")
        {
            invoice["next_payment_attempt"] = null; // no retry is left
            events.Raise("invoice.payment_failed", invoice);
            End(subscription, "payment_failed");
        }
        else
        {
            subscription["status"] = "past_due";
            events.Raise("invoice.payment_failed", invoice);
            Updated(subscription, before);
        }

        return Results.Json(subscription.DeepClone());
    });

    /// <summary>
    /// Replaces the card renewals are charged to, as the customer portal does (only a card that can be saved is taken;
    /// nothing is charged until the next advance).
    /// </summary>
    public IResult ReplacePaymentMethod(string id, string card) => state.Change(() =>
    {
        if (Find(id) is not { } subscription)
        {
            return StripeError.NotFound(id, "subscription");
        }

        if (TestCards.Refusal(card, charged: false) is { } refusal)
        {
            return TestCards.IsKnown(card) ? StripeError.CardDeclined(refusal, TestCards.DeclineCode(card)!) : StripeError.Invalid(refusal, "card", "invalid_number");
        }

        if (StripeApi.Text(subscription, "status") == "canceled")
        {
            return StripeError.Refused("A canceled subscription can only update its cancellation_details and metadata.", "default_payment_method");
        }

        var before = Snapshot(subscription);
        var customer = state.Find(StripeApi.Text(subscription, "customer")!);
        var method = payments.SaveCard(card, StripeApi.Text(subscription, "customer"), customer is null ? null : StripeApi.Text(customer, "email"));
        subscription["default_payment_method"] = Id(method);
        Updated(subscription, before);
        return Results.Json(subscription.DeepClone());
    });

    /// <summary>
    /// A finalized invoice (<c>open</c>) for the subscription's items over a period; its lines are free in a trial,
    /// as Stripe's "Trial period for …" lines are. It becomes the subscription's <c>latest_invoice</c>.
    /// </summary>
    private JsonObject NewInvoice(JsonObject subscription, string reason, long start, long end, bool trial)
    {
        var subscriptionId = Id(subscription);
        var currency = StripeApi.Text(subscription, "currency");
        var customer = state.Find(StripeApi.Text(subscription, "customer")!);
        var invoice = state.Add("in", "invoice", new JsonObject
        {
            ["customer"] = StripeApi.Text(subscription, "customer"), ["customer_email"] = customer is null ? null : StripeApi.Text(customer, "email"),
            ["currency"] = currency, ["billing_reason"] = reason, ["collection_method"] = "charge_automatically", ["status"] = "open",
            ["attempt_count"] = 0L, ["attempted"] = false, ["next_payment_attempt"] = null, ["period_start"] = start, ["period_end"] = end,
            ["description"] = null, ["metadata"] = new JsonObject(), ["hosted_invoice_url"] = null,
            ["parent"] = new JsonObject
            {
                ["type"] = "subscription_details", ["quote_details"] = null,
                ["subscription_details"] = new JsonObject { ["subscription"] = subscriptionId, ["metadata"] = subscription["metadata"]!.DeepClone() },
            },
            ["status_transitions"] = new JsonObject { ["finalized_at"] = state.Now, ["paid_at"] = null, ["marked_uncollectible_at"] = null, ["voided_at"] = null },
            ["payments"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(), ["has_more"] = false, ["url"] = "/v1/invoice_payments" },
        });
        var lines = new JsonArray();
        var total = 0L;
        foreach (var item in Items(subscription).OfType<JsonObject>())
        {
            var price = item["price"]!.AsObject();
            var quantity = Number(item, "quantity");
            var amount = trial ? 0L : Number(price, "unit_amount") * quantity;
            var product = state.Find(StripeApi.Text(price, "product") ?? "") is { } p ? StripeApi.Text(p, "name") : null;
            total += amount;
            lines.Add(new JsonObject
            {
                ["id"] = StripeState.NewId("il"), ["object"] = "line_item", ["invoice"] = Id(invoice), ["livemode"] = false,
                ["amount"] = amount, ["subtotal"] = amount, ["currency"] = currency, ["quantity"] = quantity,
                ["description"] = trial ? $"Trial period for {product}" : $"{quantity} × {product}", ["metadata"] = subscription["metadata"]!.DeepClone(),
                ["period"] = new JsonObject { ["start"] = start, ["end"] = end },
                ["pricing"] = new JsonObject
                {
                    ["type"] = "price_details", ["unit_amount_decimal"] = StripeApi.Text(price, "unit_amount"),
                    ["price_details"] = new JsonObject { ["price"] = Id(price), ["product"] = StripeApi.Text(price, "product") },
                },
                ["parent"] = new JsonObject
                {
                    ["type"] = "subscription_item_details", ["invoice_item_details"] = null,
                    ["subscription_item_details"] = new JsonObject
                    {
                        ["subscription"] = subscriptionId, ["subscription_item"] = Id(item), ["invoice_item"] = null, ["proration"] = false,
                    },
                },
                ["discountable"] = true, ["discounts"] = new JsonArray(), ["discount_amounts"] = new JsonArray(), ["taxes"] = new JsonArray(),
            });
        }

        invoice["lines"] = new JsonObject { ["object"] = "list", ["data"] = lines, ["has_more"] = false, ["url"] = $"/v1/invoices/{Id(invoice)}/lines" };
        invoice["subtotal"] = total;
        invoice["total"] = total;
        invoice["amount_due"] = total;
        invoice["amount_paid"] = 0L;
        invoice["amount_remaining"] = total;
        subscription["latest_invoice"] = Id(invoice);
        return invoice;
    }

    /// <summary>
    /// One attempt to collect <paramref name="invoice"/> from the subscription's payment method, on the invoice's own
    /// PaymentIntent (a retry charges the same intent again, as Stripe's do): paid, or open with the attempt counted.
    /// </summary>
    private bool Collect(JsonObject invoice, JsonObject subscription)
    {
        var due = Number(invoice, "amount_remaining");
        var now = state.Now;
        invoice["attempted"] = true;
        if (due > 0)
        {
            invoice["attempt_count"] = Number(invoice, "attempt_count") + 1;
            var record = invoice["payments"]!["data"]!.AsArray().OfType<JsonObject>().FirstOrDefault(p => StripeApi.Text(p, "status") == "open");
            if (record is null)
            {
                var created = payments.NewIntent(due, StripeApi.Text(invoice, "currency")!, StripeApi.Text(invoice, "customer"), subscription["metadata"],
                    StripeApi.Text(invoice, "billing_reason") == "subscription_create" ? "Subscription creation" : "Subscription update");
                record = new JsonObject
                {
                    ["id"] = StripeState.NewId("inpay"), ["object"] = "invoice_payment", ["invoice"] = Id(invoice), ["created"] = now, ["livemode"] = false,
                    ["amount_requested"] = due, ["amount_paid"] = null, ["currency"] = StripeApi.Text(invoice, "currency"), ["is_default"] = true, ["status"] = "open",
                    ["payment"] = new JsonObject { ["type"] = "payment_intent", ["payment_intent"] = Id(created) },
                    ["status_transitions"] = new JsonObject { ["paid_at"] = null, ["canceled_at"] = null },
                };
                invoice["payments"]!["data"]!.AsArray().Add(record);
            }

            var intent = state.Find(StripeApi.Text(record["payment"]!.AsObject(), "payment_intent")!)!;
            if (!payments.Attempt(intent, StripeApi.Text(subscription, "default_payment_method")!))
            {
                invoice["next_payment_attempt"] = now + RetryAfter;
                return false;
            }

            record["status"] = "paid";
            record["amount_paid"] = due;
            record["status_transitions"]!["paid_at"] = now;
        }

        invoice["status"] = "paid";
        invoice["amount_paid"] = Number(invoice, "amount_due");
        invoice["amount_remaining"] = 0L;
        invoice["next_payment_attempt"] = null;
        invoice["status_transitions"]!["paid_at"] = now;
        return true;
    }

    /// <summary>Canceled now, for <paramref name="reason"/> unless one was given when it was asked: <c>customer.subscription.deleted</c>.</summary>
    private void End(JsonObject subscription, string reason)
    {
        var now = state.Now;
        subscription["status"] = "canceled";
        subscription["canceled_at"] ??= now;
        subscription["ended_at"] = now;
        subscription["cancellation_details"]!["reason"] ??= reason;
        events.Raise("customer.subscription.deleted", subscription);
    }

    /// <summary><c>customer.subscription.updated</c> with the fields that changed since <paramref name="before"/>, when any did.</summary>
    private void Updated(JsonObject subscription, JsonObject before)
    {
        var previous = new JsonObject([.. before
            .Where(p => !JsonNode.DeepEquals(p.Value, subscription[p.Key]))
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]);
        if (previous.Count > 0)
        {
            events.Raise("customer.subscription.updated", subscription, previous);
        }
    }

    // The customer's own words on why they leave (cancellation_details[comment|feedback]); "" removes them.
    private static void Explain(JsonObject subscription, JsonObject body)
    {
        if (body["cancellation_details"] is JsonObject details)
        {
            foreach (var name in Explanations.Where(details.ContainsKey))
            {
                subscription["cancellation_details"]![name] = StripeApi.Text(details, name) is { Length: > 0 } value ? value : null;
            }
        }
    }

    // Stripe's metadata update: keys are added or replaced, a key set to "" is removed, metadata="" empties it.
    internal static void Merge(JsonObject metadata, JsonNode? update)
    {
        switch (update)
        {
            case JsonValue v when v.ToString().Length == 0:
                metadata.Clear();
                break;
            case JsonObject changes:
                foreach (var (key, value) in changes.ToList())
                {
                    if (value is JsonValue { } text && text.ToString().Length == 0)
                    {
                        metadata.Remove(key);
                    }
                    else
                    {
                        metadata[key] = value?.DeepClone();
                    }
                }

                break;
        }
    }

    private JsonObject? Find(string id) => state.Find(id) is { } found && StripeApi.Text(found, "object") == "subscription" ? found : null;

    private static JsonObject Snapshot(JsonObject subscription) => subscription.DeepClone().AsObject();

    private static JsonArray Items(JsonObject subscription) => subscription["items"]!["data"]!.AsArray();

    private static string Id(JsonObject obj) => obj["id"]!.GetValue<string>();

    private static long Number(JsonObject obj, string name) => long.Parse(StripeApi.Text(obj, name)!, CultureInfo.InvariantCulture);
}
