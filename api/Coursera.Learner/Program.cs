using Coursera.ServiceDefaults;

namespace Coursera.Learner;

/// <summary>The learner service on its own; the all-in-one host runs the same module.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddLearner();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapLearner("/graphql");
        app.Run();
    }
}
