namespace Coursera.Documents;

/// <summary>
/// A collection of JSON documents of one shape, each under a string id: the document-store port. Documents are
/// serialized with System.Text.Json (web defaults: camelCase); filters and updates name fields by their JSON path
/// (<c>"learnerId"</c>, <c>"items.abc.state"</c>). Every adapter (MongoDB, PostgreSQL <c>jsonb</c>) passes the same
/// contract tests.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A collection is the document store's own term.")]
public interface IDocumentCollection<T>
    where T : class
{
    /// <summary>The collection's name (a MongoDB collection; a table in the owning service's schema for PostgreSQL).</summary>
    string Name { get; }

    Task<T?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Stores the document under its id, replacing what was there.</summary>
    Task PutAsync(string id, T document, CancellationToken cancellationToken = default);

    /// <summary>The documents that match, ordered by id; at most <paramref name="limit"/> when given.</summary>
    Task<IReadOnlyList<T>> FindAsync(DocumentFilter filter, int? limit = null, CancellationToken cancellationToken = default);

    Task<long> CountAsync(DocumentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the update atomically to the document with this id (creating an empty one first when
    /// <paramref name="upsert"/>) and returns the document as it is afterwards, or null when there was none.
    /// </summary>
    Task<T?> UpdateAsync(string id, DocumentUpdate update, bool upsert = false, CancellationToken cancellationToken = default);

    /// <summary>Applies the update to every matching document; returns how many matched.</summary>
    Task<long> UpdateManyAsync(DocumentFilter filter, DocumentUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes every matching document; returns how many.</summary>
    Task<long> DeleteManyAsync(DocumentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Creates the collection and an index on these fields if missing (idempotent; called at start-up).</summary>
    Task EnsureIndexAsync(IReadOnlyList<string> fields, CancellationToken cancellationToken = default);
}

/// <summary>Hands out collections; which adapter is behind it is configuration (<c>Documents:Provider</c>).</summary>
public interface IDocumentStore
{
    /// <param name="owner">The owning service (a PostgreSQL schema, a MongoDB database name prefix).</param>
    IDocumentCollection<T> Collection<T>(string owner, string name)
        where T : class;
}
