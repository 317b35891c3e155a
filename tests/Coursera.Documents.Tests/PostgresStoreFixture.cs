using Coursera.Documents.Postgres;
using Coursera.Testing;
using Npgsql;

namespace Coursera.Documents.Tests;

/// <summary>The PostgreSQL adapter on a database of its own in the test PostgreSQL.</summary>
public sealed class PostgresStoreFixture : IDocumentStoreFixture, IAsyncLifetime
{
    private NpgsqlDataSource? dataSource;
    private PostgresDocumentStore? store;

    public NpgsqlDataSource DataSource => dataSource ?? throw new InvalidOperationException("The fixture has not started.");

    public IDocumentStore Store => store ?? throw new InvalidOperationException("The fixture has not started.");

    public string Owner(string service) => service;

    public async Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(await TestInfrastructure.CreateDatabaseAsync("documents"));
        store = new PostgresDocumentStore(dataSource);
    }

    public async Task DisposeAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
    }
}
