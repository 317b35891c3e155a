using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Coursera.Documents.Postgres;

/// <summary>
/// A collection as the table <c>"{owner}".doc_{name} (id, body jsonb, updated_at)</c>. Updates are a
/// read-modify-write under a row lock, so they are atomic like MongoDB's.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A collection is the document store's own term.")]
public sealed class PostgresDocumentCollection<T> : IDocumentCollection<T>
    where T : class
{
    private readonly PostgresDocumentStore store;
    private readonly NpgsqlDataSource dataSource;
    private readonly string owner;
    private readonly string table;

    internal PostgresDocumentCollection(PostgresDocumentStore store, NpgsqlDataSource dataSource, string owner, string name)
    {
        this.store = store;
        this.dataSource = dataSource;
        this.owner = owner;
        Name = name;
        table = PostgresDocumentStore.Table(owner, name);
    }

    public string Name { get; }

    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        await using var command = dataSource.CreateCommand($"SELECT body FROM {table} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Read(body) : null;
    }

    public async Task PutAsync(string id, T document, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(document);
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO {table} (id, body, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(document, DocumentValue.Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<T>> FindAsync(DocumentFilter filter, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        var parameters = new List<NpgsqlParameter>();
        var sql = $"SELECT body FROM {table} WHERE {PostgresFilter.ToSql(filter, parameters)} ORDER BY id";
        if (limit is { } count)
        {
            parameters.Add(new NpgsqlParameter { Value = count });
            sql += $" LIMIT ${parameters.Count}";
        }

        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(Read(reader.GetString(0)));
        }

        return documents;
    }

    public async Task<long> CountAsync(DocumentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        var parameters = new List<NpgsqlParameter>();
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE {PostgresFilter.ToSql(filter, parameters)}");
        command.Parameters.AddRange(parameters.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<T?> UpdateAsync(string id, DocumentUpdate update, bool upsert = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(update);
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Optimistic, in two round trips: read the document with its row version, apply the update here, and write it
        // only if the row is still that version (or, for an upsert, still absent). A concurrent writer of the same
        // document makes the write miss, and the update is applied again to what that writer stored.
        while (true)
        {
            string? body = null;
            uint version = 0;
            await using (var read = new NpgsqlCommand($"SELECT body, xmin FROM {table} WHERE id = $1", connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = id });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    body = reader.GetString(0);
                    version = reader.GetFieldValue<uint>(1);
                }
            }

            if (body is null && !upsert)
            {
                return null;
            }

            var document = body is null ? new JsonObject() : Parse(body);
            JsonObjectUpdate.Apply(document, update);
            await using var write = new NpgsqlCommand(body is null
                ? $"INSERT INTO {table} (id, body, updated_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO NOTHING"
                : $"UPDATE {table} SET body = $2, updated_at = now() WHERE id = $1 AND xmin = $3", connection);
            write.Parameters.Add(new NpgsqlParameter { Value = id });
            write.Parameters.Add(new NpgsqlParameter { Value = document.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (body is not null)
            {
                write.Parameters.Add(new NpgsqlParameter { Value = version, NpgsqlDbType = NpgsqlDbType.Xid });
            }

            if (await write.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return document.Deserialize<T>(DocumentValue.Json);
            }
        }
    }

    /// <remarks>All or nothing: an operation that cannot apply to one of the documents leaves every one unchanged.</remarks>
    public async Task<long> UpdateManyAsync(DocumentFilter filter, DocumentUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(update);
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<string>();
        var bodies = new List<string>();
        var parameters = new List<NpgsqlParameter>();

        // Locked in id order, so that two concurrent updates of overlapping sets cannot deadlock.
        await using (var read = new NpgsqlCommand($"SELECT id, body FROM {table} WHERE {PostgresFilter.ToSql(filter, parameters)} ORDER BY id FOR UPDATE",
            connection, transaction))
        {
            read.Parameters.AddRange(parameters.ToArray());
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var document = Parse(reader.GetString(1));
                JsonObjectUpdate.Apply(document, update);
                ids.Add(reader.GetString(0));
                bodies.Add(document.ToJsonString());
            }
        }

        if (ids.Count > 0)
        {
            await using var write = new NpgsqlCommand($"""
                UPDATE {table} AS d SET body = u.body, updated_at = now()
                FROM unnest($1::text[], $2::jsonb[]) AS u(id, body) WHERE d.id = u.id
                """, connection, transaction);
            write.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            write.Parameters.Add(new NpgsqlParameter { Value = bodies.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    public async Task<long> DeleteManyAsync(DocumentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        var parameters = new List<NpgsqlParameter>();
        await using var command = dataSource.CreateCommand($"DELETE FROM {table} WHERE {PostgresFilter.ToSql(filter, parameters)}");
        command.Parameters.AddRange(parameters.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A GIN index (<c>jsonb_path_ops</c>) on the whole body, which answers equality on any field, and a b-tree on
    /// the fields' text, which answers equality on strings (the filters add a <c>body #&gt;&gt; path</c> condition
    /// for them) and serves several of the fields at once.
    /// </summary>
    /// <remarks>Plain CREATE INDEX blocks writes to the table while it builds: call it at start-up.</remarks>
    public async Task EnsureIndexAsync(IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var paths = fields.Select(PostgresIndex.Path).ToList();
        await store.EnsureTableAsync(owner, Name, cancellationToken);
        var sql = new StringBuilder($"{PostgresDocumentStore.DdlLock};\n")
            .Append($"CREATE INDEX IF NOT EXISTS \"doc_{Name}_body\" ON {table} USING gin (body jsonb_path_ops);\n");
        if (paths.Count > 0)
        {
            sql.Append($"CREATE INDEX IF NOT EXISTS \"{PostgresIndex.Name(Name, paths)}\" ON {table} ({string.Join(", ", paths.Select(PostgresIndex.Expression))});");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql.ToString(), connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static JsonObject Parse(string body) =>
        JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException("A stored document is not a JSON object.");

    private static T Read(string body) =>
        JsonSerializer.Deserialize<T>(body, DocumentValue.Json) ?? throw new InvalidOperationException("A stored document is null.");
}
