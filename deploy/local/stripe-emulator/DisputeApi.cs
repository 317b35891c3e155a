namespace Coursera.StripeEmulator;

/// <summary>
/// Stripe's dispute endpoints (Stripe.net's DisputeService): the list, by charge or payment intent; update (evidence,
/// metadata, submit); close (accept). Reading one by id is <see cref="StripeApi"/>'s; disputes are opened by paying
/// with <see cref="TestCards.Disputed"/>, never here (Stripe has no endpoint that makes one), and changed by
/// <see cref="Disputes"/>.
/// </summary>
public static class DisputeApi
{
    public static void MapDisputeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/disputes/{id}", async (string id, HttpRequest request, Disputes disputes) => disputes.Update(id, await FormBody.ReadAsync(request)));
        v1.MapPost("/disputes/{id}/close", (string id, Disputes disputes) => disputes.Close(id));

        // Copied under the state's lock: an update may be changing the disputes meanwhile.
        v1.MapGet("/disputes", async (HttpRequest request, StripeState state) =>
        {
            var query = await FormBody.ReadAsync(request);
            var charge = StripeApi.Text(query, "charge");
            var intent = StripeApi.Text(query, "payment_intent");
            return Results.Json(state.Change(() => StripeApi.Page(request, state.List("dispute", d =>
                (charge is null || StripeApi.Text(d, "charge") == charge) && (intent is null || StripeApi.Text(d, "payment_intent") == intent)))));
        });
    }
}
