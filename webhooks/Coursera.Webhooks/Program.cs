using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Webhooks;

/// <summary>
/// The webhook dispatcher on its own; the all-in-one host runs the same module.
/// <c>dotnet Coursera.Webhooks.dll migrate</c> applies its migrations and exits.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddWebhooks();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapWebhooks("/graphql");
        return await app.RunOrMigrateAsync(args);
    }
}
