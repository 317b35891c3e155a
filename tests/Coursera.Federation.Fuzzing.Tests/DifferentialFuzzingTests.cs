using Coursera.Federation.Fuzzing.Running;
using Xunit.Abstractions;

namespace Coursera.Federation.Fuzzing;

/// <summary>
/// The short differential fuzzing run (issue 19): a fixed seed, a few hundred random valid operations over every test
/// federation, each sent to Hive Gateway (the reference, from npm; Node from the PATH) and to our engine over the same
/// HTTP subgraphs. Any difference is shrunk to a minimal operation; the test fails on a difference that is not one of
/// the understood ones in known-differences.txt. The long run is bench/gateway/fuzz.sh.
/// </summary>
public sealed class DifferentialFuzzingTests(ITestOutputHelper output)
{
    private const int Seed = 19;
    private const int OperationsPerFederation = 70;

    [Fact]
    public async Task Random_operations_get_the_reference_gateways_answers_apart_from_known_differences()
    {
        var known = KnownDifference.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "known-differences.txt")));
        var progress = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        IReadOnlyList<FederationResult> results;
        try
        {
            results = await FuzzSession.RunAsync(new FuzzOptions
            {
                Operations = OperationsPerFederation,
                Seed = Seed,
                Known = known,
                Progress = progress,
            }, cancel.Token);
        }
        finally
        {
            output.WriteLine(progress.ToString());
        }

        output.WriteLine(FuzzSession.Table(results));
        var details = FuzzSession.Details(results);
        output.WriteLine(details);
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Failure is null, $"{r.Federation}: {r.Failure}"));
        Assert.All(results, r => Assert.Equal(OperationsPerFederation, r.Operations));
        var seen = results.SelectMany(r => r.Groups).Where(g => g.Known is not null).Select(g => g.Known!).ToHashSet();
        foreach (var gone in known.Where(k => !seen.Contains(k)))
        {
            output.WriteLine($"Known difference not seen in this run (fixed? then remove it from known-differences.txt): {gone.Federation}: {gone.Title}");
        }

        var fresh = results.SelectMany(r => r.Groups).Where(g => g.Known is null).ToList();
        Assert.True(fresh.Count == 0,
            $"{fresh.Count} new difference(s) from Hive Gateway (minimal operations and both responses below):\n\n"
            + string.Join("\n", fresh.Select(g => $"{g.Federation}: {g.Outcome.Difference}\n{g.Minimal}\nreference: {g.Outcome.Reference.ToJsonString()}\nours: {g.Outcome.Ours.ToJsonString()}\n")));
    }
}
