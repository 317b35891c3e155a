namespace Coursera.Host.Tests;

/// <summary>
/// The <c>schema-check</c> command on the real composed supergraph: clean against the checked-in schema.graphql, and
/// failing on a field the composed schema no longer has (a schema.graphql with one field more stands for the previous
/// version) until that removal is acknowledged.
/// </summary>
public sealed class SchemaCheckTests(HostApp host) : IClassFixture<HostApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("schema-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_checked_in_schema_passes()
    {
        var (exit, output, _) = await CheckAsync("--against", Path.Combine(SchemaExport.RepositoryRoot(), "schema.graphql"));

        Assert.True(exit == 0, output);
        Assert.Contains("No schema changes.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_field_is_breaking_and_fails_the_check_until_acknowledged()
    {
        var previous = Path.Combine(_folder, "previous.graphql");
        var schema = await File.ReadAllTextAsync(Path.Combine(SchemaExport.RepositoryRoot(), "schema.graphql"));
        Assert.Contains("type Query {\n", schema, StringComparison.Ordinal);
        await File.WriteAllTextAsync(previous, schema.Replace("type Query {\n", "type Query {\n  retiredCatalog: [String!]!\n", StringComparison.Ordinal));

        var (refused, table, _) = await CheckAsync("--against", previous);

        Assert.True(refused == 1, table);
        Assert.Matches(@"BREAKING\s+FIELD_REMOVED\s+Query\.retiredCatalog\s+Query\.retiredCatalog was removed\.", table);
        Assert.Contains("  FIELD_REMOVED Query.retiredCatalog\n", table, StringComparison.Ordinal);

        var acknowledgements = Path.Combine(_folder, "acknowledged.txt");
        await File.WriteAllTextAsync(acknowledgements, "FIELD_REMOVED Query.retiredCatalog # nobody calls it\n");
        var (accepted, acceptedTable, _) = await CheckAsync("--against", previous, "--acknowledge", acknowledgements);

        Assert.True(accepted == 0, acceptedTable);
        Assert.Contains("1 breaking (1 acknowledged)", acceptedTable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_or_an_unknown_argument_is_a_usage_error()
    {
        Assert.Equal(2, (await CheckAsync("--against", Path.Combine(_folder, "absent.graphql"))).Exit);
        Assert.Equal(2, (await CheckAsync("--no-such-option")).Exit);
    }

    private async Task<(int Exit, string Output, string Error)> CheckAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SchemaCheck.RunAsync(host.Services, args, TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
