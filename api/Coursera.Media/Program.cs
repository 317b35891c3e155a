using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Media;

/// <summary>
/// The media service on its own (distributed mode); the all-in-one host mounts the same module.
/// <c>dotnet Coursera.Media.dll migrate</c> applies its migrations and exits.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddMedia();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMedia("/graphql");
        return await app.RunOrMigrateAsync(args);
    }
}
