using Snapshooter.Xunit;

namespace Coursera.Host.Tests;

public sealed class SchemaTests(HostApp host) : IClassFixture<HostApp>
{
    [Fact]
    public void The_checked_in_schema_graphql_is_current()
    {
        var current = SchemaExport.Print(host.Services);
        var file = Path.Combine(SchemaExport.RepositoryRoot(), "schema.graphql");
        Assert.True(File.Exists(file), "schema.graphql is missing: dotnet run --project api/Coursera.Host -- export-schema");
        Assert.True(current == File.ReadAllText(file).ReplaceLineEndings("\n"),
            "schema.graphql is stale: run `dotnet run --project api/Coursera.Host -- export-schema` and commit it.");
    }

    [Fact]
    public void The_public_schema_matches_its_snapshot() => SchemaExport.Print(host.Services).MatchSnapshot();

    [Fact]
    public void The_public_schema_carries_no_federation_plumbing()
    {
        var sdl = SchemaExport.Print(host.Services);
        foreach (var plumbing in new[] { "_entities", "_service", "_Any", "@key", "@link", "@shareable", "FieldSet" })
        {
            Assert.DoesNotContain(plumbing, sdl, StringComparison.Ordinal);
        }
    }
}
