using Coursera.Assessment;
using Coursera.Assessment.Data;
using Coursera.Assessment.Subgraph;
using Coursera.Billing;
using Coursera.Billing.Data;
using Coursera.Billing.Subgraph;
using Coursera.Catalog;
using Coursera.Catalog.Subgraph;
using Coursera.Gateway;
using Coursera.Host;
using Coursera.Identity;
using Coursera.Identity.Subgraph;
using Coursera.Learner;
using Coursera.Learner.Data;
using Coursera.Learner.Subgraph;
using Coursera.Media;
using Coursera.Media.Data;
using Coursera.Media.Subgraph;
using Coursera.ServiceDefaults;
using Coursera.ServiceDefaults.Data;
using Coursera.Webhooks;
using Coursera.Webhooks.Subgraph;

// Every service in one process. Stores are set up in this order, so the sample data that joins identity, the catalog
// and the learner is a step of the learner's store, and the sample assessments of the catalog's graded items one of the
// assessment's, the sample offers of the catalog's courses (and the organization's licence) billing's, and the sample
// lecture videos media's.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIdentity();
builder.AddCatalog();
builder.AddWebhooks();
builder.AddLearner();
builder.AddAssessment();
builder.AddBilling();
builder.AddMedia();
builder.AddGateway();
builder.AddInProcessSubgraph<CatalogSchema>("catalog");
builder.AddInProcessSubgraph<IdentitySchema>("identity");
builder.AddInProcessSubgraph<WebhooksSchema>("webhooks");
builder.AddInProcessSubgraph<LearnerSchema>("learner");
builder.AddInProcessSubgraph<AssessmentSchema>("assessment");
builder.AddInProcessSubgraph<BillingSchema>("billing");
builder.AddInProcessSubgraph<MediaSchema>("media");
builder.Services.AddStoreStep<LearnerDbContext, SampleLearning>();
builder.Services.AddStoreStep<AssessmentDbContext, SampleAssessments>();
builder.Services.AddStoreStep<BillingDbContext, SampleOffers>();
builder.Services.AddStoreStep<BillingDbContext, SampleLicence>();
builder.Services.AddStoreStep<MediaDbContext, SampleVideos>();

var app = builder.Build();
if (await SchemaExport.TryRunAsync(app, args))
{
    return 0;
}

if (await SchemaCheck.TryRunAsync(app, args) is { } schemaCheck)
{
    return schemaCheck;
}

app.MapDefaultEndpoints();
app.MapIdentity();
app.MapCatalog();
app.MapWebhooks();
app.MapLearner();
app.MapAssessment();
app.MapBilling();
app.MapMedia();
app.MapGateway();
return await app.RunOrMigrateAsync(args);

/// <summary>Public so the end-to-end tests can host it with WebApplicationFactory.</summary>
public partial class Program;
