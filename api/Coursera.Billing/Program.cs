using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Billing;

/// <summary>
/// The billing service on its own (distributed mode); the all-in-one host mounts the same module.
/// <c>dotnet Coursera.Billing.dll migrate</c> applies its migrations and exits.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddBilling();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapBilling("/graphql");
        return await app.RunOrMigrateAsync(args);
    }
}
