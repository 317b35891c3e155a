using Coursera.Gateway;

namespace Coursera.Host;

/// <summary>
/// <c>dotnet run --project api/Coursera.Host -- export-schema [file]</c> writes the public schema of the supergraph (by default to
/// <c>schema.graphql</c> at the repository root) without touching a database, so reviewers see every schema change.
/// </summary>
internal static class SchemaExport
{
    public const string Command = "export-schema";

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != Command)
        {
            return false;
        }

        var file = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(RepositoryRoot(), "schema.graphql");
        await File.WriteAllTextAsync(file, await PrintAsync(app.Services));
        Console.WriteLine($"Wrote the public schema to {Path.GetFullPath(file)}");
        return true;
    }

    /// <summary>The folder holding Coursera.sln, above the current directory (<c>dotnet run</c> may start in the project).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coursera.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run export-schema inside the repository, or name the file to write.");
    }

    /// <summary>The public schema of the composed supergraph: what clients of <c>/graphql</c> see.</summary>
    public static async Task<string> PrintAsync(IServiceProvider services)
    {
        var gateway = await services.GetRequiredService<SupergraphProvider>().GetAsync(CancellationToken.None);
        return gateway.Supergraph.PublicSdl;
    }
}
