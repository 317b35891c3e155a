using Coursera.Federation.BenchmarkFederation;

// Serves accounts, products, inventory and reviews at http://127.0.0.1:{port}/graphql, one port each, in the
// order of the reference supergraph (4201-4204 unless FIXTURE_PORTS says otherwise).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var ports = (builder.Configuration["FIXTURE_PORTS"] ?? "4201,4202,4203,4204").Split(',').Select(int.Parse).ToArray();
string[] names = [BenchmarkSubgraphs.Accounts, BenchmarkSubgraphs.Products, BenchmarkSubgraphs.Inventory, BenchmarkSubgraphs.Reviews];
builder.WebHost.UseUrls([.. ports.Select(p => $"http://127.0.0.1:{p}")]);
builder.Services.AddSingleton(_ => BenchmarkSubgraphs.Create());

var app = builder.Build();
var subgraphs = app.Services.GetRequiredService<BenchmarkSubgraphs>();
for (var i = 0; i < names.Length; i++)
{
    app.MapBenchmarkSubgraph(subgraphs, names[i], "/graphql").RequireHost($"*:{ports[i]}");
}

app.MapGet("/health", () => "ok");

// Requests served per subgraph since start (the SDL fetch aside): bench/gateway/bench.sh reads it before and after a
// run to report subgraph requests per client request for each gateway.
app.MapGet("/counts", () => names.ToDictionary(n => n, subgraphs.RequestCount));
app.Run();
