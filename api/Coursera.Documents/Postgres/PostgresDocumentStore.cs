using System.Collections.Concurrent;
using Npgsql;

namespace Coursera.Documents.Postgres;

/// <summary>
/// Documents in PostgreSQL <c>jsonb</c>: a table <c>"{owner}".doc_{name}</c> per collection, in the owning
/// service's schema, on the process's shared data source.
/// </summary>
public sealed class PostgresDocumentStore(NpgsqlDataSource dataSource) : IDocumentStore
{
    /// <summary>
    /// One lock for every document-store DDL in the database: two processes starting together would otherwise race
    /// on <c>CREATE ... IF NOT EXISTS</c>, which is not safe against a concurrent create.
    /// </summary>
    internal const string DdlLock = "SELECT pg_advisory_xact_lock(hashtext('coursera.documents'))";

    private readonly ConcurrentDictionary<string, Task> tables = new(StringComparer.Ordinal);

    public IDocumentCollection<T> Collection<T>(string owner, string name)
        where T : class
    {
        CollectionName.Validate(owner, name);
        return new PostgresDocumentCollection<T>(this, dataSource, owner, name);
    }

    internal static string Table(string owner, string name) => $"\"{owner}\".\"doc_{name}\"";

    /// <summary>
    /// Creates the collection's table the first time this process uses it, so that a collection works before (or
    /// without) <see cref="IDocumentCollection{T}.EnsureIndexAsync"/>. A failed attempt is forgotten and retried.
    /// </summary>
    internal async Task EnsureTableAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var key = $"{owner}.{name}";
        // Without the caller's token: other callers may come to wait on the same creation.
        var creation = tables.GetOrAdd(key, _ => CreateTableAsync(owner, name));
        if (creation.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            await creation.WaitAsync(cancellationToken);
        }
        catch (Exception) when (creation.IsFaulted || creation.IsCanceled)
        {
            tables.TryRemove(KeyValuePair.Create(key, creation));
            throw;
        }
    }

    private async Task CreateTableAsync(string owner, string name)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = Table(owner, name) });
            if (await exists.ExecuteScalarAsync() is true)
            {
                return;
            }
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand(DdlLock, connection, transaction))
        {
            await create.ExecuteNonQueryAsync();

            // The schema usually exists (the service's migrations made it); CREATE SCHEMA needs a privilege on the
            // database even when it would do nothing, so it only runs when the schema is missing.
            create.CommandText = "SELECT to_regnamespace($1) IS NOT NULL";
            create.Parameters.Add(new NpgsqlParameter { Value = $"\"{owner}\"" });
            var schemaExists = await create.ExecuteScalarAsync() is true;
            create.Parameters.Clear();

            // COLLATE "C": ids sort by code point, as MongoDB sorts strings, whatever the database's collation.
            create.CommandText = (schemaExists ? "" : $"CREATE SCHEMA IF NOT EXISTS \"{owner}\";\n") +
                $"CREATE TABLE IF NOT EXISTS {Table(owner, name)} (id text COLLATE \"C\" PRIMARY KEY, body jsonb NOT NULL, updated_at timestamptz NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
