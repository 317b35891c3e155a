using Coursera.Catalog;
using Coursera.Catalog.GraphQL;
using Coursera.Gateway;
using Coursera.Identity;
using Coursera.Identity.GraphQL;
using Coursera.Host;
using Coursera.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentity();
builder.AddCatalog();
builder.AddGateway();
builder.AddInProcessSubgraph<CatalogSchema>("catalog");
builder.AddInProcessSubgraph<IdentitySchema>("identity");

var app = builder.Build();
if (await SchemaExport.TryRunAsync(app, args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapIdentity();
app.MapCatalog();
app.MapGateway();
await app.RunAsync();

/// <summary>Public so the end-to-end tests can host it with WebApplicationFactory.</summary>
public partial class Program;
