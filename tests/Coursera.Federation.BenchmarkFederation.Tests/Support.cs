using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Coursera.Federation.BenchmarkFederation.Tests;

/// <summary>One <see cref="BenchmarkSubgraphs"/> per test class; each test reads its own request counts as deltas.</summary>
public sealed class SubgraphsFixture : IAsyncLifetime
{
    public BenchmarkSubgraphs Subgraphs { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Subgraphs = BenchmarkSubgraphs.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Subgraphs.DisposeAsync();
}

internal static class Requests
{
    /// <summary>Posts <paramref name="query"/> to a subgraph the way a gateway would and parses the response.</summary>
    public static async Task<JsonObject> PostAsync(this BenchmarkSubgraphs subgraphs, string subgraph, string query, object? variables = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables });
        var response = await subgraphs.ExecuteAsync(subgraph, body, CancellationToken.None);
        return JsonNode.Parse(response)!.AsObject();
    }

    /// <summary>The data of a response, after checking there are no errors.</summary>
    public static JsonNode Data(this JsonObject response)
    {
        Assert.False(response.ContainsKey("errors"), $"Expected no errors, got {response.ToJsonString()}");
        return response["data"]!;
    }

    public static void Equal(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected?.ToJsonString()}\nActual   {actual?.ToJsonString()}");

    /// <summary>data.json, parsed independently of the subgraphs.</summary>
    public static JsonNode DataJson { get; } = JsonNode.Parse(BenchmarkFiles.Read(BenchmarkFiles.Data))!;
}

/// <summary>
/// What an SDL says about federation, one line per type and per field: whether the type is an extension, its
/// directives (@key), and every field with its arguments, defaults, type and directives (@external, @requires,
/// @provides), fields in declaration order, types by name. Schema-level @link and directive definitions (the files
/// repeat the built-in @include and @skip) are left out.
/// </summary>
internal static class SdlShape
{
    public static IReadOnlyList<string> Of(string sdl)
    {
        var printer = new SDLPrinter();
        var types = new List<(string Name, List<string> Lines)>();
        foreach (var definition in Parser.Parse(sdl).Definitions)
        {
            var (kind, name, directives, fields) = definition switch
            {
                GraphQLDirectiveDefinition => (null, null, null, null),
                GraphQLObjectTypeDefinition type => ("type", type.Name.StringValue, type.Directives, type.Fields),
                GraphQLObjectTypeExtension type => ("extend type", type.Name.StringValue, type.Directives, type.Fields),
                GraphQLTypeDefinition type => (type.Kind.ToString(), type.Name.StringValue, null, null),
                _ => ((string?)null, (string?)null, (GraphQLDirectives?)null, (GraphQLFieldsDefinition?)null),
            };
            if (kind is null || name is null)
            {
                continue;
            }

            var applied = directives?.Items.Select(d => " " + printer.Print(d)) ?? [];
            var lines = new List<string> { $"{kind} {name}{string.Concat(applied)}" };
            lines.AddRange((fields?.Items ?? []).Select(field => $"  {name}.{printer.Print(field)}"));
            types.Add((name, lines));
        }

        return [.. types.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(t => t.Lines)];
    }
}
