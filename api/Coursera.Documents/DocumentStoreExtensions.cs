using Coursera.Documents.Mongo;
using Coursera.Documents.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using Npgsql;

namespace Coursera.Documents;

/// <summary>How a service gets its <see cref="IDocumentStore"/>.</summary>
public static class DocumentStoreExtensions
{
    public const string ProviderKey = "Documents:Provider";

    /// <summary>
    /// Registers the document store that <c>Documents:Provider</c> names: <c>postgres</c> (the default, on the
    /// process's <see cref="NpgsqlDataSource"/>) or <c>mongodb</c> (on <c>ConnectionStrings:Mongo</c>). Every module
    /// that keeps documents calls it; the first registration wins, so the all-in-one host shares one store.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is unknown, or MongoDB has no connection string.</exception>
    public static IHostApplicationBuilder AddDocumentStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = builder.Configuration[ProviderKey] is { Length: > 0 } configured ? configured : "postgres";
        switch (provider.ToUpperInvariant())
        {
            case "POSTGRES":
                builder.Services.TryAddSingleton<IDocumentStore>(sp => new PostgresDocumentStore(sp.GetRequiredService<NpgsqlDataSource>()));
                break;
            case "MONGODB":
                var connectionString = builder.Configuration.GetConnectionString("Mongo");
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"{ProviderKey} is 'mongodb' but ConnectionStrings:Mongo is not set: give the MongoDB connection string, or use 'postgres'.");
                }

                builder.Services.TryAddSingleton<IMongoClient>(_ => new MongoClient(connectionString));
                builder.Services.TryAddSingleton<IDocumentStore>(sp => new MongoDocumentStore(sp.GetRequiredService<IMongoClient>()));
                break;
            default:
                throw new InvalidOperationException($"{ProviderKey} is '{provider}': use 'postgres' or 'mongodb'.");
        }

        return builder;
    }
}
