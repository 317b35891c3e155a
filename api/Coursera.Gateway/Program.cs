using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Gateway;

/// <summary>
/// The gateway as a service of its own (distributed mode): subgraphs are reached over HTTP. It has no store, so
/// <c>migrate</c> exits at once; deployments may run the same step for every service.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddGateway();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        return await app.RunOrMigrateAsync(args);
    }
}
