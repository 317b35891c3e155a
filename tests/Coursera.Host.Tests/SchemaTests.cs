using Snapshooter.Xunit;

namespace Coursera.Host.Tests;

public sealed class SchemaTests(HostApp host) : IClassFixture<HostApp>
{
    [Fact]
    public async Task The_checked_in_schema_graphql_is_current()
    {
        var current = await SchemaExport.PrintAsync(host.Services);
        var file = Path.Combine(SchemaExport.RepositoryRoot(), "schema.graphql");
        Assert.True(File.Exists(file), "schema.graphql is missing: dotnet run --project api/Coursera.Host -- export-schema");
        Assert.True(current == File.ReadAllText(file).ReplaceLineEndings("\n"),
            "schema.graphql is stale: run `dotnet run --project api/Coursera.Host -- export-schema` and commit it.");
    }

    [Fact]
    public async Task The_public_schema_matches_its_snapshot() => (await SchemaExport.PrintAsync(host.Services)).MatchSnapshot();

    [Fact]
    public async Task The_public_schema_carries_no_federation_plumbing()
    {
        var sdl = await SchemaExport.PrintAsync(host.Services);
        foreach (var plumbing in new[] { "_entities", "_service", "_Any", "@key", "@link", "@shareable", "FieldSet" })
        {
            Assert.DoesNotContain(plumbing, sdl, StringComparison.Ordinal);
        }
    }
}
