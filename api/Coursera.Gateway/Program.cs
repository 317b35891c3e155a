using Coursera.ServiceDefaults;

namespace Coursera.Gateway;

/// <summary>The gateway as a service of its own (distributed mode): subgraphs are reached over HTTP.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddGateway();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGateway();
        app.Run();
    }
}
