using System.Collections.Concurrent;
using Coursera.Documents.Mongo;
using MongoDB.Driver;

namespace Coursera.Documents.Tests;

/// <summary>
/// The MongoDB adapter on the server <c>MONGO_URL</c> names. Owners are databases there, shared with whatever else
/// uses the server, so each run's owners get a prefix of their own and are dropped afterwards. Without
/// <c>MONGO_URL</c> it stays idle: its tests are skipped.
/// </summary>
public sealed class MongoStoreFixture : IDocumentStoreFixture, IAsyncLifetime
{
    private readonly string prefix = $"t{Guid.NewGuid():N}"[..13];
    private readonly ConcurrentDictionary<string, bool> owners = new();
    private readonly Lazy<MongoClient> client = new(() => new MongoClient(
        Environment.GetEnvironmentVariable("MONGO_URL") ?? throw new InvalidOperationException("MONGO_URL is not set.")));

    public IDocumentStore Store => new MongoDocumentStore(client.Value);

    public string Owner(string service)
    {
        var owner = $"{prefix}_{service}";
        owners.TryAdd(owner, true);
        return owner;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (!client.IsValueCreated)
        {
            return;
        }

        foreach (var owner in owners.Keys)
        {
            await client.Value.DropDatabaseAsync(owner);
        }

        client.Value.Dispose();
    }
}
