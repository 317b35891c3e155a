using System.Collections.Concurrent;
using Coursera.Federation.Composition;
using Coursera.Federation.Tests.Federations.Campus;
using Coursera.Federation.Tests.Federations.Learning;
using Coursera.Federation.Tests.Federations.Shop;

namespace Coursera.Federation.Tests.Fixtures;

/// <summary>
/// A purpose-built federation, fresh for one case (its data may be changed by mutations): the in-process subgraphs,
/// the counting transport and a gateway over the supergraph composed from the subgraphs' own <c>_service { sdl }</c>.
/// </summary>
internal sealed class TestFederation : IAsyncDisposable
{
    private static readonly Dictionary<string, Func<IReadOnlyDictionary<string, TestSubgraph>>> Factories = new(StringComparer.Ordinal)
    {
        ["shop"] = ShopFederation.Create,
        ["learning"] = LearningFederation.Create,
        ["campus"] = CampusFederation.Create,
    };

    // Composition depends only on the schemas, not on the data: once per federation is enough.
    private static readonly ConcurrentDictionary<string, Task<CompositionResult>> Compositions = new(StringComparer.Ordinal);

    private TestFederation(IReadOnlyDictionary<string, TestSubgraph> subgraphs, Supergraph supergraph, FederationGatewayOptions? options)
    {
        Subgraphs = subgraphs;
        Supergraph = supergraph;
        Transport = new InProcessTransport(subgraphs);
        Gateway = options is null ? new FederationGateway(supergraph, Transport) : new FederationGateway(supergraph, Transport, options);
    }

    public IReadOnlyDictionary<string, TestSubgraph> Subgraphs { get; }

    public Supergraph Supergraph { get; }

    public InProcessTransport Transport { get; }

    public FederationGateway Gateway { get; }

    public static IEnumerable<string> Names => Factories.Keys;

    public static async Task<TestFederation> CreateAsync(string name, FederationGatewayOptions? options = null)
    {
        if (!Factories.TryGetValue(name, out var factory))
        {
            throw new ArgumentException($"Unknown test federation '{name}'; known: {string.Join(", ", Factories.Keys)}.", nameof(name));
        }

        var subgraphs = factory();
        var composition = await Compositions.GetOrAdd(name, _ => ComposeAsync(subgraphs));
        Assert.True(composition.Succeeded, $"The {name} federation does not compose:\n{string.Join("\n", composition.Errors)}");
        return new TestFederation(subgraphs, composition.Supergraph!, options);
    }

    /// <summary>The SDL of every subgraph, as GraphQL.NET publishes it.</summary>
    public static async Task<IReadOnlyList<SubgraphDefinition>> DefinitionsAsync(IReadOnlyDictionary<string, TestSubgraph> subgraphs)
    {
        var definitions = new List<SubgraphDefinition>();
        foreach (var (name, subgraph) in subgraphs)
        {
            definitions.Add(new SubgraphDefinition(name, await subgraph.SdlAsync(), $"http://{name}.local/graphql"));
        }

        return definitions;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subgraph in Subgraphs.Values)
        {
            await subgraph.DisposeAsync();
        }
    }

    private static async Task<CompositionResult> ComposeAsync(IReadOnlyDictionary<string, TestSubgraph> subgraphs) =>
        Composer.Compose(await DefinitionsAsync(subgraphs));
}
