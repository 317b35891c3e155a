namespace Coursera.Documents.Tests;

/// <summary>The contract on the PostgreSQL <c>jsonb</c> adapter: always, on the test PostgreSQL.</summary>
public sealed class PostgresDocumentCollectionTests(PostgresStoreFixture fixture)
    : DocumentCollectionContract(fixture), IClassFixture<PostgresStoreFixture>;
