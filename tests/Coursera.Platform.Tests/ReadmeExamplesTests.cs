using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQLParser;

namespace Coursera.Platform.Tests;

/// <summary>
/// The README's GraphQL examples still run: each operation of each <c>```graphql</c> block is sent to the gateway,
/// anonymously (so nothing changes), and must get past parsing and validation against today's schema; only refusals
/// a reader expects from an anonymous call with placeholder ids remain.
/// </summary>
public sealed partial class ReadmeExamplesTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private static readonly string[] SchemaErrors = ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED"];

    [Fact]
    public async Task Every_graphql_example_of_the_readme_is_valid_against_the_schema()
    {
        var readme = await File.ReadAllTextAsync(RepositoryFiles.Path("README.md"));
        var operations = GraphQLBlock().Matches(readme).SelectMany(block => Operations(block.Groups[1].Value)).ToList();
        Assert.True(operations.Count >= 10, $"Only {operations.Count} GraphQL operations were found in the README.");

        var gateway = platform.Gateway();
        var broken = new List<string>();
        foreach (var operation in operations)
        {
            var response = await gateway.PostAsync(operation);
            var codes = response.Body["errors"]?.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList() ?? [];
            if (codes.Any(c => SchemaErrors.Contains(c)) || (codes.Count > 0 && !response.Body.ContainsKey("data")))
            {
                broken.Add($"{operation}\n=> {response.Body["errors"]!.ToJsonString()}");
            }
        }

        Assert.True(broken.Count == 0, "README examples that no longer run:\n" + string.Join("\n\n", broken));
    }

    /// <summary>A block may hold several operations; each is sent alone, as a reader would copy it.</summary>
    private static IEnumerable<string> Operations(string block)
    {
        var document = Parser.Parse(block);
        return document.Definitions.Select(d => block[d.Location.Start..d.Location.End]);
    }

    [GeneratedRegex(@"```graphql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex GraphQLBlock();
}
