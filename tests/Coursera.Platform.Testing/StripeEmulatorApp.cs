using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Platform.Testing;

/// <summary>The Stripe emulator by its own Program on a loopback socket: the billing service's Stripe.net talks to it over HTTP.</summary>
public sealed class StripeEmulatorApp : WebApplicationFactory<Coursera.StripeEmulator.Program>
{
    public StripeEmulatorApp()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string Address => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Emulator:RetryDelay", "00:00:00.200");
    }

    /// <summary>A browser on the emulator's pages: keeps no cookies, shows redirects.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Address) };

    /// <summary>Pays on a Checkout Session's hosted page with <paramref name="card"/>, as a learner would.</summary>
    public async Task<HttpResponseMessage> PayAsync(string checkoutUrl, string card)
    {
        using var browser = Browser();
        return await browser.PostAsync(new Uri(checkoutUrl), new FormUrlEncodedContent([new("card", card)]));
    }

    public async Task ControlAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Address) };
        (await http.PostAsync(new Uri(path, UriKind.Relative), null)).EnsureSuccessStatusCode();
    }
}
