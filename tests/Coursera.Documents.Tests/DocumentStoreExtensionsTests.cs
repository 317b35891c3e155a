using Coursera.Documents.Mongo;
using Coursera.Documents.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Coursera.Documents.Tests;

public sealed class DocumentStoreExtensionsTests
{
    [Fact]
    public void PostgreSQL_is_the_default_and_uses_the_shared_data_source()
    {
        var builder = Builder([]);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create("Host=127.0.0.1;Database=unused"));

        builder.AddDocumentStore().AddDocumentStore();

        using var services = builder.Services.BuildServiceProvider();
        Assert.IsType<PostgresDocumentStore>(services.GetRequiredService<IDocumentStore>());
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IDocumentStore));
    }

    [Fact]
    public void MongoDB_is_chosen_by_configuration_with_its_connection_string()
    {
        var builder = Builder(new() { ["Documents:Provider"] = "mongodb", ["ConnectionStrings:Mongo"] = "mongodb://127.0.0.1:27017" });

        builder.AddDocumentStore();

        using var services = builder.Services.BuildServiceProvider();
        Assert.IsType<MongoDocumentStore>(services.GetRequiredService<IDocumentStore>());
    }

    [Fact]
    public void MongoDB_without_a_connection_string_fails_at_start_up_saying_what_is_missing()
    {
        var builder = Builder(new() { ["Documents:Provider"] = "mongodb" });

        var error = Assert.Throws<InvalidOperationException>(builder.AddDocumentStore);

        Assert.Contains("ConnectionStrings:Mongo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_fails_at_start_up()
    {
        var builder = Builder(new() { ["Documents:Provider"] = "couchdb" });

        var error = Assert.Throws<InvalidOperationException>(builder.AddDocumentStore);

        Assert.Contains("couchdb", error.Message, StringComparison.Ordinal);
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration);
        return builder;
    }
}
