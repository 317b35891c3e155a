using Coursera.Catalog;
using Coursera.Catalog.GraphQL;
using Coursera.Gateway;
using Coursera.Identity;
using Coursera.Identity.GraphQL;
using Coursera.Host;
using Coursera.Learner;
using Coursera.Learner.GraphQL;
using Coursera.ServiceDefaults;
using Coursera.Webhooks;
using Coursera.Webhooks.GraphQL;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentity();
builder.AddCatalog();
builder.AddWebhooks();
builder.AddLearner();
builder.AddGateway();
builder.AddInProcessSubgraph<CatalogSchema>("catalog");
builder.AddInProcessSubgraph<IdentitySchema>("identity");
builder.AddInProcessSubgraph<WebhooksSchema>("webhooks");
builder.AddInProcessSubgraph<LearnerSchema>("learner");
builder.Services.AddHostedService<SampleLearning>();

var app = builder.Build();
if (await SchemaExport.TryRunAsync(app, args))
{
    return;
}

app.MapDefaultEndpoints();
app.MapIdentity();
app.MapCatalog();
app.MapWebhooks();
app.MapLearner();
app.MapGateway();
await app.RunAsync();

/// <summary>Public so the end-to-end tests can host it with WebApplicationFactory.</summary>
public partial class Program;
