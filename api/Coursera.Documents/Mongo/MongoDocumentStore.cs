using MongoDB.Bson;
using MongoDB.Driver;

namespace Coursera.Documents.Mongo;

/// <summary>Documents in MongoDB: the owning service's database (named after it), one MongoDB collection per collection.</summary>
public sealed class MongoDocumentStore(IMongoClient client) : IDocumentStore
{
    public IDocumentCollection<T> Collection<T>(string owner, string name)
        where T : class
    {
        CollectionName.Validate(owner, name);
        return new MongoDocumentCollection<T>(client.GetDatabase(owner).GetCollection<BsonDocument>(name));
    }
}
