using Coursera.Testing;

namespace Coursera.Catalog.Tests.Caching;

/// <summary>
/// Two instances of the catalog service, as behind a load balancer: <see cref="First"/> (migrated, seeded, with identity
/// beside it) and <see cref="Second"/>, its own host on the same database, the same Redis and the same cache settings.
/// </summary>
public sealed class TwoCatalogs : IAsyncLifetime
{
    public TwoCatalogs() =>
        // A stream of their own: on the platform's default stream other test classes' course events would reach this
        // pair's cache consumer and drop entries the tests expect to be cached.
        First.Settings["Events:Stream"] = $"test:catalog-cache:{Guid.NewGuid():N}";

    public CatalogApp First { get; } = new();

    public ServiceApp<Coursera.Catalog.Program> Second { get; private set; } = null!;

    /// <summary>Anonymous, through the second instance.</summary>
    public GraphQLHttpClient SecondAnonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new ServiceApp<Coursera.Catalog.Program>(new Dictionary<string, string?>
        {
            ["Identity:Authority"] = First.Settings["Identity:Authority"],
            ["Events:Stream"] = First.Stream,
        }, First.ConnectionString);
        await Second.InitializeAsync();
        SecondAnonymous = new GraphQLHttpClient(Second.CreateClient());
    }

    public async Task DisposeAsync()
    {
        SecondAnonymous?.Http.Dispose();
        if (Second is not null)
        {
            await Second.DisposeAsync();
        }

        await First.DisposeAsync();
    }
}
