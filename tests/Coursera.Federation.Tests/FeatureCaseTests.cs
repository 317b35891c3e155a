using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Federation.Tests.Fixtures;

namespace Coursera.Federation.Tests;

/// <summary>
/// Runs every case of the feature files in <c>Cases/</c> (see <see cref="FeatureCase"/>) against a fresh
/// purpose-built federation: the exact response, the plan's fetches and the requests actually sent.
/// </summary>
public sealed class FeatureCaseTests
{
    private static readonly Lazy<Dictionary<string, FeatureCase>> AllCases = new(() => FeatureCase.All().ToDictionary(c => c.Id));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in AllCases.Value.Keys)
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Feature(string id)
    {
        var @case = AllCases.Value[id];
        var options = @case.Timeout is { } timeout ? new FederationGatewayOptions { SubgraphTimeout = timeout } : null;
        await using var federation = await TestFederation.CreateAsync(@case.Federation, options);
        foreach (var (subgraph, failure) in @case.Failures)
        {
            federation.Transport.Failures[subgraph] = failure;
        }

        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await federation.Gateway.ExecuteAsync(@case.Query, @case.OperationName, @case.Variables?.DeepClone().AsObject(), cancellation.Token);

        var problems = new List<string>();
        CompareResponse(@case.Response, response, problems);

        var plan = TryPlan(federation.Gateway, @case);
        var planned = plan?.Stages.SelectMany((stage, i) => stage.Select(f => FeatureCase.Normalize($"{i + 1} {f.Subgraph} {f.OperationText}"))).ToList();
        if (@case.Fetches is { } expectedFetches)
        {
            if (plan is null || !planned!.SequenceEqual(expectedFetches))
            {
                problems.Add("The plan differs.");
            }

            var operations = plan?.Fetches.Select(f => (f.Subgraph, f.OperationText)).ToHashSet() ?? [];
            problems.AddRange(federation.Transport.Requests.Where(r => !operations.Contains(r))
                .Select(r => $"A request outside the plan: {r.Subgraph} {r.Query}"));
        }

        var expectedRequests = @case.Requests ?? @case.Fetches?.Count ?? 0;
        if (federation.Transport.Requests.Count != expectedRequests)
        {
            problems.Add($"Expected {expectedRequests} subgraph requests, sent {federation.Transport.Requests.Count}.");
        }

        if (problems.Count > 0 && Environment.GetEnvironmentVariable("FEDERATION_CASES_ACTUAL") is { Length: > 0 } actualDirectory)
        {
            // For reviewing a new case: what the engine did, in the case file's own format.
            Directory.CreateDirectory(actualDirectory);
            await File.WriteAllTextAsync(Path.Combine(actualDirectory, string.Concat(id.Split(Path.GetInvalidFileNameChars())) + ".txt"),
                $"{id}\n--- response\n{response.ToJsonString()}\n--- fetches\n{string.Join("\n", planned ?? [])}\n--- requests\n{federation.Transport.Requests.Count}\n");
        }

        Assert.True(problems.Count == 0, $"""
            {string.Join("\n", problems)}
            --- response
            {response.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}
            --- fetches
            {string.Join("\n", planned ?? [])}
            --- requests
            {string.Join("\n", federation.Transport.Requests.Select(r => $"{r.Subgraph} {r.Query}"))}
            """);
    }

    /// <summary>The plan, unless the request is one the gateway refuses before planning.</summary>
    private static Planning.QueryPlan? TryPlan(FederationGateway gateway, FeatureCase @case)
    {
        try
        {
            return gateway.Plan(@case.Query, @case.OperationName);
        }
        catch (Exception e) when (e is GraphQLParser.Exceptions.GraphQLParserException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Data exactly, in the client's order; errors as a set (fetches of one stage finish in any order).</summary>
    private static void CompareResponse(JsonObject expected, JsonObject actual, List<string> problems)
    {
        var unexpected = actual.Select(p => p.Key).Except(["data", "errors"]).ToList();
        if (unexpected.Count > 0)
        {
            problems.Add($"Unexpected response keys: {string.Join(", ", unexpected)}.");
        }

        if (expected.ContainsKey("data") != actual.ContainsKey("data")
            || expected["data"]?.ToJsonString() != actual["data"]?.ToJsonString())
        {
            problems.Add("The data differs.");
        }

        var expectedErrors = Canonical(expected["errors"]);
        var actualErrors = Canonical(actual["errors"]);
        if (!expectedErrors.SequenceEqual(actualErrors))
        {
            problems.Add("The errors differ:\n  expected " + string.Join("\n  expected ", expectedErrors) + "\n  actual   " + string.Join("\n  actual   ", actualErrors));
        }
    }

    private static List<string> Canonical(JsonNode? errors) =>
        [.. (errors as JsonArray ?? []).Select(e => Sorted(e)?.ToJsonString() ?? "null").Order(StringComparer.Ordinal)];

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
