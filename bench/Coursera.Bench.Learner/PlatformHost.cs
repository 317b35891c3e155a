using System.Text.Json;
using Coursera.Identity.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coursera.Bench.Learner;

/// <summary>
/// The all-in-one host configured as the platform tests configure it (Development, sample catalog and accounts, a
/// stream of its own), but on a real Kestrel port: the load then goes through sockets, HTTP parsing and connection
/// handling as a client's would, which the in-memory test server skips.
/// </summary>
internal sealed class PlatformHost(string postgres, string redis) : WebApplicationFactory<global::Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-bench-learner").FullName;

    public string MailFolder => Path.Combine(_folder, "mail");

    public DevCredentials Credentials { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async Task StartAsync()
    {
        // WebApplicationFactory finds the host's content root (its appsettings.json) in MvcTestingAppManifest.json, looked
        // up in the working directory, where a test runner would be; without it, it guesses a folder that does not exist.
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        UseKestrel(0);
        StartServer(); // migrations and seeding run before the server listens
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Credentials = JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(Path.Combine(_folder, "dev-credentials.json")))!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", postgres);
        builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.UseSetting("Catalog:Seed", "true");
        builder.UseSetting("Identity:MigrateOnStart", "true");
        builder.UseSetting("Identity:Seed", "true");
        builder.UseSetting("Identity:KeysPath", Path.Combine(_folder, "keys"));
        builder.UseSetting("Mail:Path", MailFolder);
        builder.UseSetting("Identity:DevCredentialsPath", Path.Combine(_folder, "dev-credentials.json"));
        builder.UseSetting("Learner:MigrateOnStart", "true");
        builder.UseSetting("Learner:KeysPath", Path.Combine(_folder, "learner-keys"));

        // A stream of its own, so a consumer group left in the same Redis by another run never takes this run's events.
        builder.UseSetting("Events:Stream", $"bench:events:{Guid.NewGuid():N}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
