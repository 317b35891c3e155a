using Coursera.Catalog.GraphQL;
using Coursera.GraphQL.Federation;

namespace Coursera.Host;

/// <summary>
/// <c>dotnet run --project api/Coursera.Host -- export-schema [file]</c> writes the public schema (to
/// <c>schema.graphql</c> by default) without touching a database, so reviewers see every schema change.
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

        var file = args.Length > 1 ? args[1] : "schema.graphql";
        await File.WriteAllTextAsync(file, Print(app.Services));
        Console.WriteLine($"Wrote the public schema to {Path.GetFullPath(file)}");
        return true;
    }

    public static string Print(IServiceProvider services)
    {
        var schema = services.GetRequiredService<CatalogSchema>();
        schema.Initialize();
        return PublicSchemaPrinter.Print(schema);
    }
}
