using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Identity;

/// <summary>
/// The identity service on its own (distributed mode); the all-in-one host mounts the same module.
/// <c>dotnet Coursera.Identity.dll migrate</c> applies its migrations and exits.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddIdentity();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIdentity("/graphql");
        return await app.RunOrMigrateAsync(args);
    }
}
