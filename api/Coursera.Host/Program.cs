using Coursera.Catalog;
using Coursera.Host;
using Coursera.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalog();

var app = builder.Build();
if (await SchemaExport.TryRunAsync(app, args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapCatalog();
app.MapPublicGraphQL();
await app.RunAsync();

/// <summary>Public so the end-to-end tests can host it with WebApplicationFactory.</summary>
public partial class Program;
