namespace Coursera.Documents.Tests;

/// <summary>An adapter under the contract tests, on a server of its own kind.</summary>
public interface IDocumentStoreFixture
{
    IDocumentStore Store { get; }

    /// <summary>
    /// The owner name the tests use for <paramref name="service"/>: as it is where the fixture has a database of its
    /// own, prefixed where owners are shared server-wide (MongoDB databases).
    /// </summary>
    string Owner(string service);
}
