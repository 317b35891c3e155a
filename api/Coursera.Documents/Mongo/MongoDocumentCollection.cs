using MongoDB.Bson;
using MongoDB.Driver;

namespace Coursera.Documents.Mongo;

/// <summary>A collection as a MongoDB collection of <see cref="BsonDocument"/>s whose <c>_id</c> is the document's id.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A collection is the document store's own term.")]
public sealed class MongoDocumentCollection<T> : IDocumentCollection<T>
    where T : class
{
    /// <summary>MongoDB's code for a duplicate key (E11000).</summary>
    private const int DuplicateKey = 11000;

    /// <summary>MongoDB's code for creating a collection that exists.</summary>
    private const int NamespaceExists = 48;

    private readonly IMongoCollection<BsonDocument> documents;

    internal MongoDocumentCollection(IMongoCollection<BsonDocument> documents) => this.documents = documents;

    public string Name => documents.CollectionNamespace.CollectionName;

    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var document = await documents.Find(ById(id)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : MongoTranslation.FromBson<T>(document);
    }

    public Task PutAsync(string id, T document, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(document);
        var body = MongoTranslation.ToBson(id, document);
        return RetryingDuplicateKeyAsync(() => documents.ReplaceOneAsync(ById(id), body, new ReplaceOptions { IsUpsert = true }, cancellationToken));
    }

    public async Task<IReadOnlyList<T>> FindAsync(DocumentFilter filter, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit ?? 0, nameof(limit));

        // MongoDB reads a limit of 0 as no limit at all.
        if (limit == 0)
        {
            return [];
        }

        var found = await documents.Find(MongoTranslation.Filter(filter))
            .Sort(Builders<BsonDocument>.Sort.Ascending("_id"))
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return [.. found.Select(MongoTranslation.FromBson<T>)];
    }

    public Task<long> CountAsync(DocumentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return documents.CountDocumentsAsync(MongoTranslation.Filter(filter), cancellationToken: cancellationToken);
    }

    public async Task<T?> UpdateAsync(string id, DocumentUpdate update, bool upsert = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(update);
        if (update.Operations.Count == 0)
        {
            // MongoDB refuses an empty update; the port's meaning is "the document as it is (created when upsert)".
            if (upsert)
            {
                try
                {
                    await documents.InsertOneAsync(new BsonDocument("_id", id), cancellationToken: cancellationToken);
                }
                catch (MongoException e) when (IsDuplicateKey(e))
                {
                    // It was there already.
                }
            }

            return await GetAsync(id, cancellationToken);
        }

        var options = new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After, IsUpsert = upsert };
        var document = await RetryingDuplicateKeyAsync(() =>
            documents.FindOneAndUpdateAsync(ById(id), MongoTranslation.Update(update), options, cancellationToken));
        return document is null ? null : MongoTranslation.FromBson<T>(document);
    }

    public async Task<long> UpdateManyAsync(DocumentFilter filter, DocumentUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(update);
        if (update.Operations.Count == 0)
        {
            return await CountAsync(filter, cancellationToken);
        }

        var result = await documents.UpdateManyAsync(MongoTranslation.Filter(filter), MongoTranslation.Update(update), cancellationToken: cancellationToken);
        return result.MatchedCount;
    }

    public async Task<long> DeleteManyAsync(DocumentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = await documents.DeleteManyAsync(MongoTranslation.Filter(filter), cancellationToken);
        return result.DeletedCount;
    }

    public async Task EnsureIndexAsync(IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count > 0)
        {
            // Creating an index creates the collection too; an existing index with the same keys is left as it is.
            await documents.Indexes.CreateOneAsync(MongoTranslation.Index(fields), cancellationToken: cancellationToken);
            return;
        }

        try
        {
            await documents.Database.CreateCollectionAsync(Name, cancellationToken: cancellationToken);
        }
        catch (MongoCommandException e) when (e.Code == NamespaceExists)
        {
        }
    }

    private static FilterDefinition<BsonDocument> ById(string id) => Builders<BsonDocument>.Filter.Eq("_id", id);

    /// <summary>
    /// Two upserts of a new id can both try to insert it; the loser gets a duplicate key error, and trying again
    /// updates the winner's document, as the caller meant.
    /// </summary>
    private static async Task<TResult> RetryingDuplicateKeyAsync<TResult>(Func<Task<TResult>> write)
    {
        try
        {
            return await write();
        }
        catch (MongoException e) when (IsDuplicateKey(e))
        {
            return await write();
        }
    }

    private static bool IsDuplicateKey(MongoException exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoCommandException command => command.Code == DuplicateKey,
        _ => false,
    };
}
