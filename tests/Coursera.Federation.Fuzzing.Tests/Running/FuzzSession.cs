using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coursera.Federation.Fuzzing.Generation;

namespace Coursera.Federation.Fuzzing.Running;

internal sealed record FuzzOptions
{
    /// <summary>Operations per federation.</summary>
    public int Operations { get; init; } = 100;

    public int Seed { get; init; } = 19;

    /// <summary>Null: every test federation.</summary>
    public IReadOnlyList<string>? Federations { get; init; }

    /// <summary>Runs of the operation pair the shrinker may spend on one difference.</summary>
    public int ShrinkBudget { get; init; } = 100;

    public IReadOnlyList<KnownDifference> Known { get; init; } = [];

    /// <summary>When set, each federation stops generating at this time (the table shows the operations actually run).</summary>
    public DateTime? StopAt { get; init; }

    public TextWriter Progress { get; init; } = TextWriter.Null;
}

/// <summary>One distinct difference: its minimal operation, both responses to it, and how often it was hit.</summary>
internal sealed class DifferenceGroup
{
    public required string Federation { get; init; }

    public required Operation Minimal { get; init; }

    public required Outcome Outcome { get; init; }

    public required Operation FirstOriginal { get; init; }

    public int Hits { get; set; }

    public KnownDifference? Known { get; init; }

    public string Key => KnownDifference.Normalise(Minimal.ToString());
}

internal sealed class FederationResult
{
    public required string Federation { get; init; }

    public int Operations { get; set; }

    public int Mutations { get; set; }

    public int Differences { get; set; }

    public int ShrinkRuns { get; set; }

    public TimeSpan Elapsed { get; set; }

    public List<DifferenceGroup> Groups { get; } = [];

    public string? Failure { get; set; }

    /// <summary>Operations that made the reference gateway's process exit (restarted each time).</summary>
    public List<string> ReferenceCrashes { get; } = [];
}

/// <summary>Generates operations per federation, runs each against both gateways, shrinks and groups the differences.</summary>
internal static class FuzzSession
{
    public static async Task<IReadOnlyList<FederationResult>> RunAsync(FuzzOptions options, CancellationToken cancellationToken)
    {
        var hiveDir = await HiveGateway.InstallAsync(options.Progress);
        var workDir = Path.Combine(Path.GetTempPath(), $"coursera-fuzz-{Environment.ProcessId}-{Stopwatch.GetTimestamp()}");
        Directory.CreateDirectory(workDir);
        try
        {
            var factories = FederationFactory.All().Where(f => options.Federations is null || options.Federations.Contains(f.Name)).ToList();
            var results = await Task.WhenAll(factories.Select(f => RunFederationAsync(f, options, hiveDir, workDir, cancellationToken)));
            return results;
        }
        finally
        {
            try
            {
                Directory.Delete(workDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<FederationResult> RunFederationAsync(FederationFactory factory, FuzzOptions options, string hiveDir, string workDir, CancellationToken cancellationToken)
    {
        var result = new FederationResult { Federation = factory.Name };
        var clock = Stopwatch.StartNew();
        await using var pair = await FederationPair.StartAsync(factory, hiveDir, workDir);
        Say(options, $"{factory.Name}: both gateways up after {clock.Elapsed.TotalSeconds:F1} s; {options.Operations} operations, seed {options.Seed}");
        var random = new Random(unchecked(options.Seed * 31 + StableHash(factory.Name)));
        var generator = new OperationGenerator(pair.Schema, random);
        try
        {
            await RunOperationsAsync(options, result, pair, generator, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A gateway that stops answering ends this federation's run, not the others': the table says so.
            var log = pair.HiveLog;
            result.Failure = $"{e.GetType().Name}: {e.Message} (after {result.Operations} operations); Hive Gateway's log ends:\n{log[Math.Max(0, log.Length - 2000)..]}";
            Say(options, $"{factory.Name}: FAILED: {result.Failure}");
        }

        result.Elapsed = clock.Elapsed;
        result.ReferenceCrashes.AddRange(pair.ReferenceCrashes);
        Say(options, $"{factory.Name}: {result.Operations} operations ({result.Mutations} mutations, {pair.Resets} resets, {pair.ReferenceCrashes.Count} Hive Gateway crashes), "
            + $"{result.Differences} differing, {result.Groups.Count} distinct, {result.Elapsed.TotalSeconds:F0} s");
        return result;
    }

    private static async Task RunOperationsAsync(FuzzOptions options, FederationResult result, FederationPair pair, OperationGenerator generator, CancellationToken cancellationToken)
    {
        var name = result.Federation;
        var byFingerprint = new Dictionary<string, DifferenceGroup>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, DifferenceGroup>(StringComparer.Ordinal);
        for (var i = 0; i < options.Operations; i++)
        {
            if (DateTime.UtcNow > options.StopAt)
            {
                Say(options, $"{name}: time is up after {i} operations");
                break;
            }

            var operation = generator.Next();
            result.Operations++;
            result.Mutations += operation.IsMutation ? 1 : 0;
            var outcome = await pair.RunAsync(operation, cancellationToken);
            if (outcome.Difference is null)
            {
                continue;
            }

            result.Differences++;
            // One shrink per fingerprint (kind and place of the first difference): the same bug reached through many
            // operations is minimised once and counted.
            if (byFingerprint.TryGetValue(outcome.Difference.Fingerprint, out var seen))
            {
                seen.Hits++;
                continue;
            }

            var shrinker = new Shrinker(pair, options.ShrinkBudget);
            var (minimal, minimalOutcome) = await shrinker.ShrinkAsync(operation, outcome, cancellationToken);
            result.ShrinkRuns += shrinker.Evaluations;
            var key = KnownDifference.Normalise(minimal.ToString());
            if (!byKey.TryGetValue(key, out var group))
            {
                group = new DifferenceGroup
                {
                    Federation = name,
                    Minimal = minimal,
                    Outcome = minimalOutcome,
                    FirstOriginal = operation,
                    Known = options.Known.FirstOrDefault(k => k.Federation == name && k.Key == key),
                };
                byKey[key] = group;
                result.Groups.Add(group);
                Say(options, $"{name}: difference #{result.Groups.Count} ({outcome.Difference}) at operation {i + 1}, "
                    + $"shrunk in {shrinker.Evaluations} runs{(group.Known is null ? " — NEW" : " — known: " + group.Known.Title)}");
            }

            group.Hits++;
            byFingerprint[outcome.Difference.Fingerprint] = group;
        }
    }

    public static string Table(IReadOnlyList<FederationResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| federation | operations | mutations | differences | distinct minimal | known | new | Hive Gateway crashes | time s | examples |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var number = 0;
        foreach (var result in results)
        {
            var examples = string.Join(", ", result.Groups.Select(_ => "#" + ++number));
            var known = result.Groups.Count(g => g.Known is not null);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {result.Federation} | {result.Operations} | {result.Mutations} | {result.Differences} | {result.Groups.Count} | {known} | {result.Groups.Count - known} | {result.ReferenceCrashes.Count} | {result.Elapsed.TotalSeconds:F0} | {(examples.Length == 0 ? "-" : examples)}{(result.Failure is null ? "" : " FAILED, see below")} |");
        }

        return text.ToString();
    }

    /// <summary>Each distinct difference: minimal operation, both responses, known reason if any.</summary>
    public static string Details(IReadOnlyList<FederationResult> results)
    {
        var text = new StringBuilder();
        var number = 0;
        var indented = new JsonSerializerOptions { WriteIndented = true };
        foreach (var failed in results.Where(r => r.Failure is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {failed.Federation}: the run FAILED").AppendLine().AppendLine("```").AppendLine(failed.Failure).AppendLine("```").AppendLine();
        }

        foreach (var crashed in results.Where(r => r.ReferenceCrashes.Count > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {crashed.Federation}: Hive Gateway's process exited {crashed.ReferenceCrashes.Count}× (first operation that did it, and its log)")
                .AppendLine().AppendLine("```").AppendLine(crashed.ReferenceCrashes[0]).AppendLine("```").AppendLine();
        }

        foreach (var group in results.SelectMany(r => r.Groups))
        {
            var status = group.Known is null ? "NEW" : "known: " + group.Known.Title;
            text.AppendLine(CultureInfo.InvariantCulture, $"### #{++number} {group.Federation}: {group.Outcome.Difference} — hit {group.Hits}× — {status}");
            if (group.Known is not null)
            {
                text.AppendLine().AppendLine(group.Known.Reason);
            }

            text.AppendLine().AppendLine("```graphql").AppendLine(group.Minimal.ToString()).AppendLine("```");
            text.AppendLine("Hive Gateway (reference):").AppendLine("```json").AppendLine(group.Outcome.Reference.ToJsonString(indented)).AppendLine("```");
            text.AppendLine("Ours:").AppendLine("```json").AppendLine(group.Outcome.Ours.ToJsonString(indented)).AppendLine("```");
            text.AppendLine();
        }

        return text.ToString();
    }

    private static void Say(FuzzOptions options, string line)
    {
        lock (options.Progress)
        {
            options.Progress.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
            options.Progress.Flush();
        }
    }

    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}

/// <summary>
/// A difference already understood: its federation, minimal operation (as the shrinker prints it), a title and the
/// reason. Read from known-differences.txt.
/// </summary>
internal sealed partial record KnownDifference(string Federation, string Title, string Reason, string Operation)
{
    public string Key => Normalise(Operation);

    public static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>
    /// Entries separated by a line of dashes; each has <c>federation:</c>, <c>title:</c>, <c>reason:</c> (may continue on
    /// following lines) and <c>operation:</c>, followed by the operation text (and its <c>variables:</c> line) up to the
    /// next separator. Lines starting with # outside an operation are comments.
    /// </summary>
    public static IReadOnlyList<KnownDifference> Parse(string text)
    {
        var entries = new List<KnownDifference>();
        foreach (var block in Separator().Split(text))
        {
            string? federation = null, title = null;
            var reason = new StringBuilder();
            var operation = new StringBuilder();
            var inOperation = false;
            var inReason = false;
            foreach (var line in block.Split('\n'))
            {
                if (inOperation)
                {
                    operation.AppendLine(line);
                }
                else if (line.StartsWith('#') || line.Trim().Length == 0)
                {
                    continue;
                }
                else if (line.StartsWith("federation:", StringComparison.Ordinal))
                {
                    federation = line["federation:".Length..].Trim();
                }
                else if (line.StartsWith("title:", StringComparison.Ordinal))
                {
                    title = line["title:".Length..].Trim();
                }
                else if (line.StartsWith("reason:", StringComparison.Ordinal))
                {
                    reason.AppendLine(line["reason:".Length..].Trim());
                    inReason = true;
                }
                else if (line.StartsWith("operation:", StringComparison.Ordinal))
                {
                    inOperation = true;
                }
                else if (inReason)
                {
                    reason.AppendLine(line.Trim());
                }
            }

            if (federation is not null && operation.Length > 0)
            {
                entries.Add(new KnownDifference(federation, title ?? "", reason.ToString().Trim(), operation.ToString().Trim()));
            }
        }

        return entries;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^-{4,}\s*$", RegexOptions.Multiline)]
    private static partial Regex Separator();
}
