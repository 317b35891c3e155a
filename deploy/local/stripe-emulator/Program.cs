namespace Coursera.StripeEmulator;

/// <summary>
/// The Stripe emulator: <c>dotnet run --project deploy/local/stripe-emulator -- --urls http://127.0.0.1:12111
/// --Emulator:WebhookUrl=http://127.0.0.1:5000/billing/stripe/webhook --Emulator:WebhookSecret=whsec_…</c>.
/// One-time payments (by card, or by SEPA Direct Debit, whose bank answers later) and subscriptions (trials, renewals,
/// failed renewals and their retry, cancellation) through Checkout, and disputes of card payments;
/// <see cref="EmulatorControl"/> moves a subscription's time on and gives a debit the bank's answer.
/// </summary>
public sealed class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<EmulatorOptions>().Bind(builder.Configuration.GetSection(EmulatorOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StripeState>();
        builder.Services.AddSingleton<IdempotencyKeys>();
        builder.Services.AddSingleton<EventDelivery>();
        builder.Services.AddSingleton<Payments>();
        builder.Services.AddSingleton<Subscriptions>();
        builder.Services.AddSingleton<Disputes>();
        builder.Services.AddHostedService(s => s.GetRequiredService<EventDelivery>());
        builder.Services.AddHttpClient("webhooks", http => http.Timeout = TimeSpan.FromSeconds(10));

        var app = builder.Build();
        app.UseMiddleware<IdempotencyKeys>();
        app.MapStripeApi();
        app.MapSubscriptionApi();
        app.MapDisputeApi();
        app.MapCheckoutPage();
        app.MapEmulatorControl();
        await app.RunAsync();
    }
}
