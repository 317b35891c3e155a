using Coursera.Federation.Composition;

namespace Coursera.Federation.Tests.Fixtures;

/// <summary>Reads the checked-in federations used by the tests (copied into the test output).</summary>
internal static class Fixture
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    /// <summary>The standard gateway benchmark: accounts, products, inventory, reviews (Federation v2.5 SDL).</summary>
    public static IReadOnlyList<SubgraphDefinition> Benchmark() =>
        [.. new[] { "accounts", "inventory", "products", "reviews" }
            .Select(name => new SubgraphDefinition(name, Read($"benchmark/{name}.graphql"), $"http://{name}.local/graphql"))];
}
