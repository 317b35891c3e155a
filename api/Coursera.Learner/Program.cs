using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Learner;

/// <summary>
/// The learner service on its own (distributed mode); the all-in-one host mounts the same module.
/// <c>dotnet Coursera.Learner.dll migrate</c> applies its migrations and exits.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddLearner();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapLearner("/graphql");
        return await app.RunOrMigrateAsync(args);
    }
}
