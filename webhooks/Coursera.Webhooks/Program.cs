using Coursera.ServiceDefaults;

namespace Coursera.Webhooks;

/// <summary>The webhook dispatcher on its own; the all-in-one host runs the same module.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddWebhooks();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapWebhooks("/graphql");
        app.Run();
    }
}
