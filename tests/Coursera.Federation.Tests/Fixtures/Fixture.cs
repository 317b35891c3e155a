using Coursera.Federation.BenchmarkFederation;
using Coursera.Federation.Composition;

namespace Coursera.Federation.Tests.Fixtures;

/// <summary>The standard gateway benchmark's files, as embedded in the benchmark subgraphs' project.</summary>
internal static class Fixture
{
    public static string Read(string fileName) => BenchmarkFiles.Read(fileName);

    /// <summary>The standard gateway benchmark: accounts, products, inventory, reviews (Federation v2.5 SDL).</summary>
    public static IReadOnlyList<SubgraphDefinition> Benchmark() =>
        [.. new[] { "accounts", "inventory", "products", "reviews" }
            .Select(name => new SubgraphDefinition(name, Read(BenchmarkFiles.SubgraphSdl(name)), $"http://{name}.local/graphql"))];
}
