using Coursera.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coursera.Host.Tests;

/// <summary>The all-in-one host exactly as <c>./run.sh</c> starts it, on a database of its own.</summary>
public class HostApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-host-tests").FullName;
    private string _database = string.Empty;

    protected virtual string Redis => TestInfrastructure.Redis;

    public async Task InitializeAsync() => _database = await TestInfrastructure.CreateDatabaseAsync("host");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", _database);
        builder.UseSetting("ConnectionStrings:Redis", Redis);
        builder.UseSetting("Catalog:Seed", "true");
        builder.UseSetting("Identity:MigrateOnStart", "true");
        builder.UseSetting("Identity:Seed", "true");
        builder.UseSetting("Identity:KeysPath", Path.Combine(_folder, "keys"));
        builder.UseSetting("Mail:Path", Path.Combine(_folder, "mail"));
        builder.UseSetting("Identity:DevCredentialsPath", DevCredentialsPath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public string DevCredentialsPath => Path.Combine(_folder, "dev-credentials.json");

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The host with Redis unreachable, to see readiness fail while liveness holds.</summary>
public sealed class HostWithoutRedisApp : HostApp
{
    protected override string Redis => "127.0.0.1:1,connectTimeout=200";
}
