using System.Diagnostics.CodeAnalysis;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit;

namespace Coursera.Testing;

/// <summary>
/// A service hosted the one way tests host services: its real Program (<typeparamref name="TProgram"/>), started by
/// <see cref="WebApplicationFactory{TEntryPoint}"/> in Development, with a database of its own (or one it is given to
/// share), an event stream of its own, a temporary folder for keys and mail, and its settings given as configuration,
/// exactly as a deployment gives them. In memory by default; on a real loopback socket when another service must call
/// it (<see cref="Address"/>).
/// </summary>
[SuppressMessage("Design", "CA1063", Justification = "Disposal is WebApplicationFactory's; the folder goes with it.")]
public class ServiceApp<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private readonly bool _socket;
    private string? _database;

    /// <param name="settings">The service's own configuration (its section: <c>Catalog:MigrateOnStart</c>, ...).</param>
    /// <param name="database">A connection string to share with another service; a new database when null.</param>
    /// <param name="socket">Serve on a real loopback port, for other services and processes to call.</param>
    public ServiceApp(Dictionary<string, string?>? settings = null, string? database = null, bool socket = false)
    {
        Settings = settings ?? [];
        _database = database;
        _socket = socket;
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("coursera-service-tests").FullName;

    /// <summary>The service's configuration; a fixture adds to it in its constructor, before the service starts.</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>Replacements of the service's own registrations (a test clock), applied after its Program's.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    private readonly string _ownStream = $"test:events:{Guid.NewGuid():N}";

    /// <summary>The stream this service's relay publishes to and its handlers read: its own unless the settings name one.</summary>
    public string Stream => Settings.GetValueOrDefault("Events:Stream") ?? _ownStream;

    public string ConnectionString => _database ?? throw new InvalidOperationException("Initialize the service first.");

    /// <summary>Where the service listens, when it was started with a socket.</summary>
    public string Address =>
        Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The Redis the service uses; a test of an unreachable Redis overrides it.</summary>
    protected virtual string Redis => TestInfrastructure.Redis;

    public virtual async Task InitializeAsync()
    {
        await EnsureDatabaseAsync();
        if (_socket)
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
        }
        else
        {
            _ = Server; // starts the host: migrations and seeding run before the first request
        }
    }

    /// <summary>The service's database, created on first call unless one was given; another service may share it.</summary>
    protected async Task<string> EnsureDatabaseAsync() =>
        _database ??= await TestInfrastructure.CreateDatabaseAsync(typeof(TProgram).Assembly.GetName().Name!.Replace("Coursera.", "", StringComparison.Ordinal));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", Redis);

        // A stream per service: the fixtures of a test run share one Redis, and one consumer group on a shared stream
        // would hand one fixture's events to another's consumer (with another database).
        builder.UseSetting("Events:Stream", _ownStream);

        // Rate-limit counters of its own too; and fixtures sign many people in from one address, more than the
        // 20 sign-ins a minute a real address gets (RateLimitTests put the real limits back).
        builder.UseSetting("RateLimiting:KeyPrefix", $"test:rate:{_ownStream}");
        builder.UseSetting("RateLimiting:SignIn:PerAddress", "1000");
        builder.UseSetting("RateLimiting:SignIn:PerAccount", "1000");
        builder.UseSetting("RateLimiting:Registration:PerAddress", "1000");
        builder.UseSetting("RateLimiting:Registration:PerAccount", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }
    }

    /// <summary>Puts an event on the service's stream as the relay of the service that owns it would (another service's event, say).</summary>
    public async Task PublishAsync(Coursera.Events.EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis);
        await redis.GetDatabase().StreamAddAsync(Stream,
            [new NameValueEntry("id", envelope.Id.ToString()), new NameValueEntry("type", envelope.Type), new NameValueEntry("envelope", envelope.ToJson())]);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(TestInfrastructure.Redis);
            await redis.GetDatabase().KeyDeleteAsync(_ownStream);
        }
        catch (RedisConnectionException)
        {
            // nothing was published
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
