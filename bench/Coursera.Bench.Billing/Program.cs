using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Coursera.Platform.Testing;
using Coursera.StripeEmulator;
using Coursera.Testing;

namespace Coursera.Bench.Billing;

/// <summary>
/// Billing benchmark on the all-in-one host (on a socket) with the Stripe emulator: (a) <c>startCheckout</c> latency,
/// each call making an order and a Stripe Checkout Session (learners × offers, each pair once); (b) Stripe events
/// ingested per second at <c>/billing/stripe/webhook</c>, signed, each a new event about a paid order (so each is
/// verified, recorded and reconciled with three Stripe reads), and the same events again (duplicates, answered from the
/// receipts). Prints a Markdown table.
/// </summary>
internal static class BillingBench
{
    public static async Task<int> Main()
    {
        var learnerCount = Setting("BENCH_LEARNERS", 16);
        var offers = Setting("BENCH_OFFERS", 20);
        var clients = Setting("BENCH_CLIENTS", 16);
        Environment.CurrentDirectory = AppContext.BaseDirectory;

        await using var platform = new PaymentsPlatformApp();
        await platform.InitializeAsync();
        var anonymous = platform.Gateway();
        var offerIds = new List<string>();
        await LearningPath.Eventually(async () =>
        {
            // The courses' own certificates: every course also lists the catalog's plans and passes, the same for all.
            var nodes = (await anonymous.PostAsync("{ courses(first: 40) { nodes { offers { id kind } } } }")).Ok()["courses"]!["nodes"]!.AsArray();
            offerIds = [.. nodes.SelectMany(n => n!["offers"]!.AsArray()).Where(o => o!["kind"]!.GetValue<string>() == "COURSE_CERTIFICATE")
                .Select(o => o!["id"]!.GetValue<string>()).Take(offers)];
            return offerIds.Count == offers;
        }, seconds: 60);
        var learners = new List<GraphQLHttpClient>();
        for (var i = 0; i < learnerCount; i++)
        {
            learners.Add((await platform.NewLearnerAsync()).Gateway);
        }

        // (a) Checkouts: every learner buys every offer once, `clients` at a time.
        var work = new ConcurrentQueue<(GraphQLHttpClient Learner, string Offer)>(learners.SelectMany(l => offerIds.Select(o => (l, o))));
        var checkoutLatencies = new ConcurrentBag<double>();
        var orders = new ConcurrentBag<(string OrderId, string SessionUrl)>();
        var checkoutClock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (work.TryDequeue(out var next))
            {
                var started = Stopwatch.GetTimestamp();
                var order = LearningPath.Accepted(await next.Learner.PostAsync("""
                    mutation($o: ID!) { startCheckout(input: {offerId: $o, currency: "USD", successUrl: "https://bench.example/ok", cancelUrl: "https://bench.example/no"}) {
                      order { id checkoutUrl } errors { code } } }
                    """, new { o = next.Offer }))["startCheckout"]!["order"]!;
                checkoutLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                orders.Add((order["id"]!.GetValue<string>(), order["checkoutUrl"]!.GetValue<string>()));
            }
        }));
        var checkoutSeconds = checkoutClock.Elapsed.TotalSeconds;

        // Paid on the emulator's page, with its own deliveries held: the events below are the benchmark's.
        await platform.Stripe.ControlAsync("/_emulator/deliveries/hold");
        foreach (var (_, url) in orders)
        {
            (await platform.Stripe.PayAsync(url, CheckoutPage.SucceedingCard)).Dispose();
        }

        // (b) Events: one signed checkout.session.completed per order, new ids, then the same ones again.
        var events = orders.Select(o => Event(o.OrderId, o.SessionUrl.Split('/')[^1])).ToList();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(platform.Address) };
        var (firstRate, firstLatencies) = await IngestAsync(http, events, platform.WebhookSecret, clients);
        var (againRate, againLatencies) = await IngestAsync(http, events, platform.WebhookSecret, clients);
        var paid = (await learners[0].PostAsync("{ viewerOrders { state } }")).Ok()["viewerOrders"]!.AsArray().Count(o => o!["state"]!.GetValue<string>() == "PAID");

        var c = checkoutLatencies.Order().ToList();
        Console.WriteLine();
        Console.WriteLine("| measurement | result |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine(Row($"(a) `startCheckout`, {clients} concurrent clients, {c.Count} checkouts (order + Stripe Price lookup + Checkout Session)",
            $"**{c.Count / checkoutSeconds:0} /s**"));
        Console.WriteLine(Row("(a) latency p50 / p95 / p99 / max", $"{P(c, 50):0} / {P(c, 95):0} / **{P(c, 99):0}** / {c[^1]:0} ms"));
        Console.WriteLine(Row($"(b) Stripe events ingested, {clients} concurrent deliveries, {events.Count} new events (verify, record, reconcile: 3 Stripe reads)",
            $"**{firstRate:0} events/s**"));
        Console.WriteLine(Row("(b) new events: latency p50 / p99", $"{P(firstLatencies, 50):0} / {P(firstLatencies, 99):0} ms"));
        Console.WriteLine(Row("(b) the same events again (duplicates)", $"{againRate:0} events/s; p50 / p99 {P(againLatencies, 50):0.0} / {P(againLatencies, 99):0.0} ms"));
        Console.WriteLine(Row("check: the first learner's orders PAID", $"{paid} of {offerIds.Count}"));
        return paid == offerIds.Count ? 0 : 1;
    }

    private static async Task<(double Rate, List<double> Latencies)> IngestAsync(HttpClient http, List<string> events, string secret, int clients)
    {
        var queue = new ConcurrentQueue<string>(events);
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (queue.TryDequeue(out var body))
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/billing/stripe/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", EventDelivery.Sign(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return (events.Count / clock.Elapsed.TotalSeconds, [.. latencies.Order()]);
    }

    private static string Event(string orderId, string sessionId) => new JsonObject
    {
        ["id"] = "evt_bench_" + Guid.NewGuid().ToString("N"), ["object"] = "event", ["api_version"] = "2026-10-28.endive",
        ["type"] = "checkout.session.completed", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["livemode"] = false,
        ["data"] = new JsonObject
        {
            ["object"] = new JsonObject { ["id"] = sessionId, ["object"] = "checkout.session", ["mode"] = "payment", ["client_reference_id"] = orderId, ["payment_status"] = "paid" },
        },
    }.ToJsonString();

    private static double P(List<double> sorted, int percentile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];

    private static string Row(string name, string value) => $"| {name} | {value} |";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
