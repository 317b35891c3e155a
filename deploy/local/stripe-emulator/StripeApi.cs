using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>The subset of Stripe's REST API (<c>/v1/…</c>) the billing service calls, with Stripe's shapes.</summary>
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
                    ? new JsonObject { ["interval"] = Text(r, "interval") ?? "month", ["interval_count"] = 1 }
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
        v1.MapPost("/refunds", async (HttpRequest request, StripeState state, EventDelivery events) => await RefundAsync(request, state, events));

        // Reading any object by id, as the SDK's Get calls do: /v1/{collection}/{id}.
        foreach (var collection in new[] { "products", "prices", "customers", "checkout/sessions", "payment_intents", "charges", "refunds", "events" })
        {
            v1.MapGet($"/{collection}/{{id}}", (string id, StripeState state) => state.Find(id) is { } found ? Results.Json(found) : StripeError.NotFound(id));
        }
    }

    private static async Task<IResult> CreateCheckoutAsync(HttpRequest request, StripeState state)
    {
        var body = await FormBody.ReadAsync(request);
        var mode = Text(body, "mode");
        if (mode != "payment")
        {
            return StripeError.Invalid("This emulator takes mode=payment only.", "mode", mode is null ? "parameter_missing" : "parameter_invalid_string");
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
        foreach (var item in items.OfType<JsonObject>())
        {
            if (state.Find(Text(item, "price") ?? "") is not { } price)
            {
                return StripeError.NotFound(Text(item, "price") ?? "", "line_items[0][price]");
            }

            var quantity = long.TryParse(Text(item, "quantity"), out var q) ? q : 1;
            total += price["unit_amount"]!.GetValue<long>() * quantity;
            currency = price["currency"]!.GetValue<string>();
            lines.Add(new JsonObject { ["price"] = price.DeepClone(), ["quantity"] = quantity });
        }

        var session = state.Add("cs_test", "checkout.session", new JsonObject
        {
            ["mode"] = mode, ["status"] = "open", ["payment_status"] = "unpaid", ["amount_total"] = total, ["currency"] = currency,
            ["client_reference_id"] = Text(body, "client_reference_id"), ["customer"] = Text(body, "customer"),
            ["customer_email"] = Text(body, "customer_email"), ["success_url"] = Text(body, "success_url"), ["cancel_url"] = Text(body, "cancel_url"),
            ["metadata"] = Metadata(body), ["payment_intent"] = null,
            ["line_items"] = new JsonObject { ["object"] = "list", ["data"] = lines },
            ["payment_intent_data"] = body["payment_intent_data"]?.DeepClone() ?? new JsonObject(), // kept for the payment it makes
            ["expires_at"] = state.Now + 24 * 3600,
        });
        session["url"] = $"{request.Scheme}://{request.Host}/checkout/{session["id"]}";
        return Results.Json(session);
    }

    private static async Task<IResult> RefundAsync(HttpRequest request, StripeState state, EventDelivery events)
    {
        var body = await FormBody.ReadAsync(request);
        var charge = Text(body, "charge") is { } chargeId
            ? state.Find(chargeId)
            : Text(body, "payment_intent") is { } intentId && state.Find(intentId) is { } intent ? state.Find(Text(intent, "latest_charge") ?? "") : null;
        if (charge is null)
        {
            return StripeError.Invalid("A charge or payment_intent that was paid is required.", "payment_intent", "resource_missing");
        }

        return state.Change(() =>
        {
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

    private static JsonObject Page(HttpRequest request, List<JsonObject> data) => new()
    {
        ["object"] = "list", ["url"] = request.Path.Value, ["has_more"] = false, ["data"] = new JsonArray([.. data.Select(d => d.DeepClone())]),
    };

    internal static string? Text(JsonObject obj, string name) => obj[name] is JsonValue v ? v.ToString() : null;

    private static JsonObject Metadata(JsonObject body) => body["metadata"]?.DeepClone() as JsonObject ?? [];
}
