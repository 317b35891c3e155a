using System.Diagnostics;
using System.Globalization;
using Coursera.Federation.Fuzzing.Running;

namespace Coursera.Federation.Fuzzing;

/// <summary>
/// The long run (bench/gateway/fuzz.sh): <c>dotnet Coursera.Federation.Fuzzing.Tests.dll [--operations N] [--seed S]
/// [--minutes M] [--federations a,b] [--report FILE]</c>. N operations in all, split evenly over the federations; a random seed unless
/// given. Prints the table, writes every distinct difference (minimal operation, both responses) to the report, and
/// exits 1 when there is a difference not in known-differences.txt.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var operations = 20_000;
        var seed = Random.Shared.Next(1, int.MaxValue);
        string? report = null;
        DateTime? stopAt = null;
        string[]? federations = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--operations":
                    operations = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--minutes":
                    stopAt = DateTime.UtcNow.AddMinutes(double.Parse(args[++i], CultureInfo.InvariantCulture));
                    break;
                case "--report":
                    report = args[++i];
                    break;
                case "--federations":
                    federations = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                default:
                    Console.Error.WriteLine($"Unknown argument {args[i]} (expected --operations N, --seed S, --minutes M, --federations a,b, --report FILE)");
                    return 2;
            }
        }

        var count = federations?.Length ?? FederationFactory.All().Count;
        var known = KnownDifference.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "known-differences.txt")));
        var options = new FuzzOptions
        {
            Operations = (operations + count - 1) / count,
            Seed = seed,
            Federations = federations,
            Known = known,
            StopAt = stopAt,
            Progress = Console.Error,
        };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var clock = Stopwatch.StartNew();
        var results = await FuzzSession.RunAsync(options, cancel.Token);
        var table = FuzzSession.Table(results);
        var details = FuzzSession.Details(results);
        Console.WriteLine($"Differential fuzzing against Hive Gateway: seed {seed}, {results.Sum(r => r.Operations)} operations, {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine();
        Console.Write(table);
        if (report is not null)
        {
            await File.WriteAllTextAsync(report, $"# Differential fuzzing, seed {seed}\n\n{table}\n{details}");
            Console.WriteLine();
            Console.WriteLine($"Minimal operations and both responses: {report}");
        }
        else
        {
            Console.WriteLine();
            Console.Write(details);
        }

        return results.Any(r => r.Failure is not null || r.Groups.Any(g => g.Known is null)) ? 1 : 0;
    }
}
