using Coursera.ServiceDefaults;

namespace Coursera.Catalog;

/// <summary>The catalog as a service of its own (distributed mode); the all-in-one host mounts the same module.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddCatalog();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapCatalog("/graphql");
        app.Run();
    }
}
