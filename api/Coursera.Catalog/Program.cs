using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Catalog;

/// <summary>
/// The catalog as a service of its own (distributed mode); the all-in-one host mounts the same module.
/// <c>dotnet Coursera.Catalog.dll migrate</c> applies its migrations and exits.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddCatalog();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCatalog("/graphql");
        return await app.RunOrMigrateAsync(args);
    }
}
