using Coursera.Catalog;
using Coursera.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddCatalog();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCatalog("/graphql");
app.Run();
