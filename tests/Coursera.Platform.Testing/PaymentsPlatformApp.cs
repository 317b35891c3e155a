using System.Security.Cryptography;

namespace Coursera.Platform.Testing;

/// <summary>
/// The all-in-one host as <c>./run.sh</c> starts it with payments: on a loopback socket, its billing service talking to
/// the Stripe emulator beside it, which sends its signed events to the host's <c>/billing/stripe/webhook</c>.
/// </summary>
public sealed class PaymentsPlatformApp : PlatformApp
{
    public PaymentsPlatformApp()
        : base(socket: true)
    {
        Settings["Billing:Stripe:SecretKey"] = "sk_test_emulator";
        Settings["Billing:Stripe:WebhookSecrets:0"] = WebhookSecret;
    }

    public StripeEmulatorApp Stripe { get; } = new();

    public string WebhookSecret { get; } = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public override async Task InitializeAsync()
    {
        Settings["Billing:Stripe:ApiBase"] = Stripe.Address;
        await base.InitializeAsync();
        ClientOptions.BaseAddress = new Uri(Address); // clients reach the socket, not the in-memory server's http://localhost
        await Stripe.ControlAsync($"/_emulator/webhook-endpoint?url={Uri.EscapeDataString(Address + "/billing/stripe/webhook")}&secret={WebhookSecret}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}
