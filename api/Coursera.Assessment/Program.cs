using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Assessment;

/// <summary>
/// The assessment service on its own (distributed mode); the all-in-one host mounts the same module.
/// <c>dotnet Coursera.Assessment.dll migrate</c> applies its migrations and exits.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddAssessment();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapAssessment("/graphql");
        return await app.RunOrMigrateAsync(args);
    }
}
