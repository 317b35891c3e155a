using Coursera.ServiceDefaults;

namespace Coursera.Identity;

/// <summary>The identity service on its own (distributed mode); the all-in-one host mounts the same module.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddIdentity();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIdentity("/graphql");
        app.Run();
    }
}
