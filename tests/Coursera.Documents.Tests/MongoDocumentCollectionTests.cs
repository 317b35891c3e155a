namespace Coursera.Documents.Tests;

/// <summary>The contract on the MongoDB adapter, when <c>MONGO_URL</c> names a server (none can run on these machines).</summary>
[RequiresEnvironmentVariable("MONGO_URL")]
public sealed class MongoDocumentCollectionTests(MongoStoreFixture fixture)
    : DocumentCollectionContract(fixture), IClassFixture<MongoStoreFixture>;
