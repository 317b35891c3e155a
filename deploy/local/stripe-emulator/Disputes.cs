using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// Disputes (chargebacks) as Stripe's test mode makes and decides them: a payment-mode checkout paid with
/// <see cref="TestCards.Disputed"/> is disputed as fraudulent right after its charge succeeds; evidence submitted with
/// <c>uncategorized_text</c> <c>winning_evidence</c> wins it and <c>losing_evidence</c> loses it at once (the bank's
/// decision, weeks later in live mode), any other evidence leaves it under review; accepting it loses it. Every change
/// happens under <see cref="StripeState.Change{T}"/> and is announced by the <c>charge.dispute.*</c> events Stripe sends.
/// </summary>
public sealed class Disputes(StripeState state, EventDelivery events)
{
    // The time a card network gives to answer; Stripe shows it as evidence_details.due_by.
    private const long ResponseWindow = 7 * 86400;

    // Stripe's evidence fields: text, or the id of an uploaded file (this emulator has no file uploads, so any text).
    private static readonly string[] EvidenceFields =
    [
        "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
        "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
        "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
        "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
        "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
        "uncategorized_file", "uncategorized_text",
    ];

    /// <summary>
    /// Disputes <paramref name="charge"/> (paid) as fraudulent, for its whole amount: the dispute needs a response
    /// within <see cref="ResponseWindow"/>, the charge says it is disputed, and <c>charge.dispute.created</c> goes out.
    /// Called under the state's lock.
    /// </summary>
    public JsonObject Open(JsonObject charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var evidence = new JsonObject([.. EvidenceFields.Select(f => KeyValuePair.Create<string, JsonNode?>(f, null))]) { ["enhanced_evidence"] = new JsonObject() };
        var dispute = state.Add("dp", "dispute", new JsonObject
        {
            ["amount"] = charge["amount"]!.GetValue<long>(), ["currency"] = StripeApi.Text(charge, "currency"), ["charge"] = StripeApi.Text(charge, "id"),
            ["payment_intent"] = StripeApi.Text(charge, "payment_intent"), ["reason"] = "fraudulent", ["status"] = "needs_response",
            ["is_charge_refundable"] = false, ["balance_transactions"] = new JsonArray(), ["metadata"] = new JsonObject(), ["evidence"] = evidence,
            ["evidence_details"] = new JsonObject
            {
                ["due_by"] = state.Now + ResponseWindow, ["has_evidence"] = false, ["past_due"] = false, ["submission_count"] = 0L,
            },
            ["enhanced_eligibility_types"] = new JsonArray(), ["network_reason_code"] = "10.4", // Visa's "other fraud, card absent"
            ["payment_method_details"] = new JsonObject
            {
                ["type"] = "card", ["card"] = new JsonObject { ["brand"] = "visa", ["case_type"] = "chargeback", ["network_reason_code"] = "10.4" },
            },
        });
        charge["disputed"] = true;
        events.Raise("charge.dispute.created", dispute);
        return dispute;
    }

    /// <summary>
    /// <c>POST /v1/disputes/{id}</c>: <c>evidence[…]</c> (a field set to "" is emptied), <c>metadata</c>, and
    /// <c>submit</c> (true unless false: false only stages the evidence). Submitting decides it as Stripe's test mode
    /// does, by <c>evidence[uncategorized_text]</c>: <c>winning_evidence</c> won, <c>losing_evidence</c> lost, anything
    /// else under review. <c>charge.dispute.updated</c> (with the fields that changed) when anything did, then
    /// <c>charge.dispute.closed</c> when it was decided. A decided dispute takes no change, and submitted evidence is
    /// final (an under-review dispute takes metadata only), as in Stripe.
    /// </summary>
    public IResult Update(string id, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var submit = StripeApi.Text(body, "submit");
        if (submit is not (null or "true" or "false"))
        {
            return StripeError.Invalid($"Invalid boolean: {submit}", "submit", "parameter_invalid_boolean");
        }

        var evidence = body["evidence"] as JsonObject;
        var unknown = body["evidence"] is null ? null
            : evidence is null ? "evidence"
            : evidence.Where(e => !EvidenceFields.Contains(e.Key) || e.Value is not JsonValue).Select(e => $"evidence[{e.Key}]").FirstOrDefault();
        if (unknown is not null)
        {
            return StripeError.Invalid($"Received unknown parameter: {unknown} (this emulator takes evidence's text and file fields).", unknown, "parameter_unknown");
        }

        return state.Change(() =>
        {
            if (Find(id) is not { } dispute)
            {
                return StripeError.NotFound(id, "dispute");
            }

            var status = StripeApi.Text(dispute, "status");
            if (status is "won" or "lost")
            {
                return StripeError.Refused($"This dispute is already closed ({status}): it can no longer be updated.", "dispute");
            }

            if (status == "under_review" && evidence is not null)
            {
                return StripeError.Refused("This dispute's evidence was submitted already and is under review: it can no longer be changed.", "evidence");
            }

            var before = dispute.DeepClone().AsObject();
            foreach (var (field, value) in evidence ?? [])
            {
                dispute["evidence"]![field] = value?.ToString() is { Length: > 0 } text ? text : null;
            }

            Subscriptions.Merge(dispute["metadata"]!.AsObject(), body["metadata"]);
            var details = dispute["evidence_details"]!.AsObject();
            details["has_evidence"] = dispute["evidence"]!.AsObject().Any(e => e.Value is JsonValue);
            if (submit != "false" && status == "needs_response")
            {
                details["submission_count"] = details["submission_count"]!.GetValue<long>() + 1;
                dispute["status"] = StripeApi.Text(dispute["evidence"]!.AsObject(), "uncategorized_text") switch
                {
                    "winning_evidence" => "won",
                    "losing_evidence" => "lost",
                    _ => "under_review",
                };
            }

            var previous = new JsonObject([.. before
                .Where(p => !JsonNode.DeepEquals(p.Value, dispute[p.Key]))
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))]);
            if (previous.Count > 0)
            {
                events.Raise("charge.dispute.updated", dispute, previous);
            }

            if (StripeApi.Text(dispute, "status") is "won" or "lost")
            {
                events.Raise("charge.dispute.closed", dispute);
            }

            return Results.Json(dispute.DeepClone());
        });
    }

    /// <summary>
    /// <c>POST /v1/disputes/{id}/close</c>, Stripe's "accept a dispute": the merchant gives up, the dispute is lost
    /// (<c>charge.dispute.closed</c>). A decided dispute cannot be closed again.
    /// </summary>
    public IResult Close(string id) => state.Change(() =>
    {
        if (Find(id) is not { } dispute)
        {
            return StripeError.NotFound(id, "dispute");
        }

        if (StripeApi.Text(dispute, "status") is "won" or "lost")
        {
            return StripeError.Refused($"This dispute is already closed ({StripeApi.Text(dispute, "status")}).", "dispute");
        }

        dispute["status"] = "lost";
        events.Raise("charge.dispute.closed", dispute);
        return Results.Json(dispute.DeepClone());
    });

    /// <summary>Whether <paramref name="charge"/> has a dispute not won: Stripe refunds no such charge (the bank took or holds the money).</summary>
    public bool HoldsRefunds(JsonObject charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        return state.List("dispute", d => StripeApi.Text(d, "charge") == StripeApi.Text(charge, "id") && StripeApi.Text(d, "status") != "won").Count > 0;
    }

    private JsonObject? Find(string id) => state.Find(id) is { } found && StripeApi.Text(found, "object") == "dispute" ? found : null;
}
