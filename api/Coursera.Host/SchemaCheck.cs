using Coursera.Federation.SchemaChanges;
using Coursera.Gateway.Composition;

namespace Coursera.Host;

/// <summary>
/// <c>dotnet Coursera.Host.dll schema-check [--against FILE|-] [--acknowledge FILE]...</c> composes the subgraphs (in
/// process, no database), compares the public schema with <c>FILE</c> (by default the checked-in <c>schema.graphql</c>;
/// <c>-</c> reads it from standard input, e.g. <c>git show origin/main:schema.graphql</c>) and prints every change as
/// BREAKING, DANGEROUS or SAFE. Exits 1 on a breaking change that no acknowledgements file lists, or when the subgraphs
/// do not compose; 2 on a usage error; 0 otherwise.
/// </summary>
internal static class SchemaCheck
{
    public const string Command = "schema-check";

    private const string Usage = "Usage: schema-check [--against FILE|-] [--acknowledge FILE]...";

    /// <summary>The command's exit code, or null when the arguments name another command.</summary>
    public static async Task<int?> TryRunAsync(WebApplication app, string[] args) =>
        args.Length > 0 && args[0] == Command ? await RunAsync(app.Services, args[1..], Console.In, Console.Out, Console.Error) : null;

    /// <summary>The check itself, on the services of a host that has not started (composition needs no database).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {

        string? against = null;
        var acknowledgementFiles = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--against" when value is not null:
                    against = value;
                    i++;
                    break;
                case "--acknowledge" when value is not null:
                    acknowledgementFiles.Add(value);
                    i++;
                    break;
                default:
                    await error.WriteLineAsync($"Unexpected argument '{args[i]}'. {Usage}");
                    return 2;
            }
        }

        string before;
        var acknowledged = new List<string>();
        try
        {
            against ??= Path.Combine(SchemaExport.RepositoryRoot(), "schema.graphql");
            before = against == "-" ? await input.ReadToEndAsync() : await File.ReadAllTextAsync(against);
            foreach (var file in acknowledgementFiles)
            {
                acknowledged.AddRange(await File.ReadAllLinesAsync(file));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await error.WriteLineAsync($"{e.Message} {Usage}");
            return 2;
        }

        string after;
        try
        {
            after = await SchemaExport.PrintAsync(services);
        }
        catch (SupergraphUnavailableException e)
        {
            await error.WriteLineAsync(e.Failure.ToString());
            return 1;
        }

        var report = new SchemaChangeReport(SchemaComparison.Compare(before, after), SchemaChangeAcknowledgements.Parse(acknowledged));
        await output.WriteLineAsync($"The composed public schema compared with {(against == "-" ? "standard input" : Path.GetFullPath(against))}:");
        await output.WriteAsync(report.ToTable());
        return report.Passes ? 0 : 1;
    }
}
