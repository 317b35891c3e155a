using System.Globalization;
using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// The subset of Stripe's REST API (<c>/v1/…</c>) the billing service calls, with Stripe's shapes: Products, Prices
/// (one-time, or recurring by day, week, month or year), Customers, Checkout Sessions in payment or subscription mode
/// (paid on <see cref="CheckoutPage"/>), refunds, events, and reading any of them by id. Subscriptions and invoices
/// are changed through <see cref="SubscriptionApi"/>, disputes through <see cref="DisputeApi"/>.
/// </summary>
public static class StripeApi
{
    public static void MapStripeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/products", async (HttpRequest request, StripeState state) =>
        {
            var body = await FormBody.ReadAsync(request);
            return body["name"] is null
                ? StripeError.Invalid("Missing required param: name.", "name")
                : Results.Json(state.Add("prod", "product", new JsonObject
                {
                    ["name"] = Text(body, "name"), ["active"] = true, ["metadata"] = Metadata(body),
                }));
        });
        v1.MapPost("/prices", async (HttpRequest request, StripeState state) =>
        {
            var body = await FormBody.ReadAsync(request);
            if (body["currency"] is null || body["product"] is null || !long.TryParse(Text(body, "unit_amount"), out var amount) || amount < 0)
            {
                return StripeError.Invalid("currency, product and a unit_amount of 0 or more are required.", body["currency"] is null ? "currency" : "unit_amount");
            }

            if (state.Find(Text(body, "product")!) is null)
            {
                return StripeError.NotFound(Text(body, "product")!, "product");
            }

            if (body["recurring"] is JsonObject asked && RecurringRefusal(asked) is { } refusal)
            {
                return refusal;
            }

            var lookupKey = Text(body, "lookup_key");
            return state.Change(() =>
            {
                var taken = lookupKey is null ? null : state.List("price", p => Text(p, "lookup_key") == lookupKey).FirstOrDefault();
                if (taken is not null && Text(body, "transfer_lookup_key") != "true")
                {
                    return StripeError.Invalid($"A price ({taken["id"]}) already uses that lookup key.", "lookup_key", "lookup_key_taken");
                }

                taken?.Remove("lookup_key");
                var recurring = body["recurring"] is JsonObject r
                    ? new JsonObject { ["interval"] = Text(r, "interval"), ["interval_count"] = long.Parse(Text(r, "interval_count") ?? "1", CultureInfo.InvariantCulture), ["usage_type"] = "licensed" }
                    : null;
                return Results.Json(state.Add("price", "price", new JsonObject
                {
                    ["currency"] = Text(body, "currency")!.ToLowerInvariant(), ["unit_amount"] = amount, ["product"] = Text(body, "product"),
                    ["lookup_key"] = lookupKey, ["active"] = true, ["type"] = recurring is null ? "one_time" : "recurring", ["recurring"] = recurring,
                    ["metadata"] = Metadata(body),
                }));
            });
        });
        v1.MapGet("/prices", async (HttpRequest request, StripeState state) =>
        {
            var query = await FormBody.ReadAsync(request);
            var keys = (query["lookup_keys"] as JsonArray)?.Select(k => k!.GetValue<string>()).ToHashSet();
            return Results.Json(Page(request, state.List("price", p => keys is null || keys.Contains(Text(p, "lookup_key") ?? ""))));
        });
        v1.MapPost("/customers", async (HttpRequest request, StripeState state) =>
        {
            var body = await FormBody.ReadAsync(request);
            return Results.Json(state.Add("cus", "customer", new JsonObject { ["email"] = Text(body, "email"), ["name"] = Text(body, "name"), ["metadata"] = Metadata(body) }));
        });
        v1.MapPost("/checkout/sessions", async (HttpRequest request, StripeState state) => await CreateCheckoutAsync(request, state));
        v1.MapPost("/refunds", async (HttpRequest request, StripeState state, Disputes disputes, EventDelivery events) => await RefundAsync(request, state, disputes, events));
        v1.MapGet("/events", async (HttpRequest request, StripeState state) =>
        {
            var query = await FormBody.ReadAsync(request);
            var type = Text(query, "type");
            return Results.Json(state.Change(() => Page(request, state.List("event", e => type is null || Text(e, "type") == type))));
        });

        // Reading any object by id, as the SDK's Get calls do: /v1/{collection}/{id}, an object of that collection's
        // type only. The copy is taken under the lock, since an advance may be changing the object meanwhile.
        foreach (var (collection, type) in Collections)
        {
            v1.MapGet($"/{collection}/{{id}}", (string id, StripeState state) =>
                state.Change(() => state.Find(id) is { } found && Text(found, "object") == type ? found.DeepClone() : null) is { } copy
                    ? Results.Json(copy)
                    : StripeError.NotFound(id));
        }
    }

    private static readonly (string Collection, string Type)[] Collections =
    [
        ("products", "product"), ("prices", "price"), ("customers", "customer"), ("checkout/sessions", "checkout.session"),
        ("payment_intents", "payment_intent"), ("charges", "charge"), ("refunds", "refund"), ("events", "event"),
        ("subscriptions", "subscription"), ("invoices", "invoice"), ("payment_methods", "payment_method"), ("disputes", "dispute"),
    ];

    // Stripe's own rules for recurring[…]: an interval of day, week, month or year, at most a year long in all.
    private static IResult? RecurringRefusal(JsonObject recurring)
    {
        var interval = Text(recurring, "interval");
        if (interval is not ("day" or "week" or "month" or "year"))
        {
            return interval is null
                ? StripeError.Invalid("Missing required param: recurring[interval].", "recurring[interval]")
                : StripeError.Invalid("Invalid recurring[interval]: must be one of day, week, month, or year", "recurring[interval]", "parameter_invalid_string");
        }

        var count = Text(recurring, "interval_count") is { } given ? (long.TryParse(given, out var c) ? c : 0) : 1;
        var max = interval switch { "day" => 365, "week" => 52, "month" => 12, _ => 1 };
        return count < 1 || count > max
            ? StripeError.Invalid($"The interval_count must be between 1 and {max} for interval={interval} (a year at most).", "recurring[interval_count]", "parameter_invalid_integer")
            : null;
    }

    private static async Task<IResult> CreateCheckoutAsync(HttpRequest request, StripeState state)
    {
        var body = await FormBody.ReadAsync(request);
        var mode = Text(body, "mode");
        if (mode is not ("payment" or "subscription"))
        {
            return StripeError.Invalid("This emulator takes mode=payment or mode=subscription.", "mode", mode is null ? "parameter_missing" : "parameter_invalid_string");
        }

        var subscription = mode == "subscription";
        if (body[subscription ? "payment_intent_data" : "subscription_data"] is not null)
        {
            var misplaced = subscription ? "payment_intent_data" : "subscription_data";
            return StripeError.Invalid($"You can not pass `{misplaced}` in `{mode}` mode.", misplaced, "parameter_invalid_string");
        }

        if (subscription && body["subscription_data"]?["trial_period_days"] is JsonValue trial
            && (!long.TryParse(trial.ToString(), out var days) || days < 1 || days > 730))
        {
            return StripeError.Invalid("subscription_data[trial_period_days] must be a whole number of days from 1 to 730.", "subscription_data[trial_period_days]",
                "parameter_invalid_integer");
        }

        if (Text(body, "customer") is { } customer && (state.Find(customer) is not { } named || Text(named, "object") != "customer"))
        {
            return StripeError.NotFound(customer, "customer");
        }

        if (Text(body, "success_url") is null)
        {
            return StripeError.Invalid("Missing required param: success_url.", "success_url");
        }

        if (body["line_items"] is not JsonArray { Count: > 0 } items)
        {
            return StripeError.Invalid("Missing required param: line_items.", "line_items");
        }

        long total = 0;
        string? currency = null;
        var lines = new JsonArray();
        JsonObject? interval = null;
        foreach (var (item, index) in items.OfType<JsonObject>().Select((item, index) => (item, index)))
        {
            var param = $"line_items[{index}][price]";
            if (state.Find(Text(item, "price") ?? "") is not { } price || Text(price, "object") != "price")
            {
                return StripeError.NotFound(Text(item, "price") ?? "", param);
            }

            // Stripe's rules: recurring prices only in subscription mode, there only recurring ones (this emulator does
            // not add one-time items to a first invoice) and all of one interval and currency.
            var recurring = price["recurring"] as JsonObject;
            if (!subscription && recurring is not null)
            {
                return StripeError.Invalid("You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
                    param, "parameter_invalid_string");
            }

            if (subscription && recurring is null)
            {
                return StripeError.Invalid("You must provide at least one recurring price in `subscription` mode when using prices (this emulator takes recurring ones only).",
                    param, "parameter_invalid_string");
            }

            if (recurring is not null && interval is not null && !JsonNode.DeepEquals(Interval(recurring), interval))
            {
                return StripeError.Invalid("All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.", param, "parameter_invalid_string");
            }

            if (currency is not null && currency != Text(price, "currency"))
            {
                return StripeError.Invalid("All prices in a Checkout Session must have the same currency.", param, "parameter_invalid_string");
            }

            interval ??= recurring is null ? null : Interval(recurring);
            var quantity = long.TryParse(Text(item, "quantity"), out var q) ? q : 1;
            if (quantity < 1)
            {
                return StripeError.Invalid("line_items[][quantity] must be at least 1.", $"line_items[{index}][quantity]", "parameter_invalid_integer");
            }

            total += price["unit_amount"]!.GetValue<long>() * quantity;
            currency = price["currency"]!.GetValue<string>();
            lines.Add(new JsonObject { ["price"] = price.DeepClone(), ["quantity"] = quantity });
        }

        var session = state.Add("cs_test", "checkout.session", new JsonObject
        {
            ["mode"] = mode, ["status"] = "open", ["payment_status"] = "unpaid", ["amount_total"] = total, ["currency"] = currency,
            ["client_reference_id"] = Text(body, "client_reference_id"), ["customer"] = Text(body, "customer"),
            ["customer_email"] = Text(body, "customer_email"), ["success_url"] = Text(body, "success_url"), ["cancel_url"] = Text(body, "cancel_url"),
            ["metadata"] = Metadata(body), ["payment_intent"] = null, ["subscription"] = null,
            ["line_items"] = new JsonObject { ["object"] = "list", ["data"] = lines },
            ["payment_intent_data"] = body["payment_intent_data"]?.DeepClone() ?? new JsonObject(), // kept for the payment it makes
            ["subscription_data"] = body["subscription_data"]?.DeepClone() ?? new JsonObject(), // kept for the subscription it makes
            ["expires_at"] = state.Now + 24 * 3600,
        });
        session["url"] = $"{request.Scheme}://{request.Host}/checkout/{session["id"]}";
        return Results.Json(session);
    }

    private static async Task<IResult> RefundAsync(HttpRequest request, StripeState state, Disputes disputes, EventDelivery events)
    {
        var body = await FormBody.ReadAsync(request);
        var charge = Text(body, "charge") is { } chargeId
            ? state.Find(chargeId)
            : Text(body, "payment_intent") is { } intentId && state.Find(intentId) is { } intent ? state.Find(Text(intent, "latest_charge") ?? "") : null;
        if (charge is null || Text(charge, "paid") != "true")
        {
            return StripeError.Invalid("A charge or payment_intent that was paid is required.", "payment_intent", "resource_missing");
        }

        return state.Change(() =>
        {
            // Stripe's rule: the money of a charge disputed and not won is the bank's to give back, not the merchant's.
            if (disputes.HoldsRefunds(charge))
            {
                return StripeError.Invalid($"Charge {charge["id"]} has been charged back; cannot issue a refund.", "charge", "charge_disputed");
            }

            var left = charge["amount"]!.GetValue<long>() - charge["amount_refunded"]!.GetValue<long>();
            var amount = long.TryParse(Text(body, "amount"), out var a) ? a : left;
            if (amount <= 0 || amount > left)
            {
                return StripeError.Invalid($"Refund amount ({amount}) is greater than unrefunded amount on charge ({left}).", "amount", "charge_already_refunded");
            }

            var refund = state.Add("re", "refund", new JsonObject
            {
                ["amount"] = amount, ["currency"] = charge["currency"]!.GetValue<string>(), ["charge"] = charge["id"]!.GetValue<string>(),
                ["payment_intent"] = Text(charge, "payment_intent"), ["status"] = "succeeded", ["reason"] = Text(body, "reason"), ["metadata"] = Metadata(body),
            });
            charge["amount_refunded"] = charge["amount_refunded"]!.GetValue<long>() + amount;
            charge["refunded"] = charge["amount_refunded"]!.GetValue<long>() == charge["amount"]!.GetValue<long>();
            events.Raise("charge.refunded", charge);
            return Results.Json(refund);
        });
    }

    private static JsonObject Interval(JsonObject recurring) => new() { ["interval"] = Text(recurring, "interval"), ["interval_count"] = Text(recurring, "interval_count") };

    /// <summary>Stripe's list shape, newest first, all in one page; copies, so call it under the state's lock.</summary>
    internal static JsonObject Page(HttpRequest request, List<JsonObject> data) => new()
    {
        ["object"] = "list", ["url"] = request.Path.Value, ["has_more"] = false, ["data"] = new JsonArray([.. data.Select(d => d.DeepClone())]),
    };

    internal static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v ? v.ToString() : null;

    private static JsonObject Metadata(JsonObject body) => body["metadata"]?.DeepClone() as JsonObject ?? [];
}
