using System.Collections.Concurrent;
using System.Diagnostics;

namespace Coursera.Catalog.Tests;

/// <summary>
/// No N+1: a page of courses with partner, instructors, modules and items costs the same few SQL round trips
/// whatever the page size. Round trips are counted from Npgsql's own command activities, matched to one request
/// by the trace id the request carries in its <c>traceparent</c> header.
/// </summary>
public sealed class SqlRoundTripTests(UncachedCatalogApp catalog) : IClassFixture<UncachedCatalogApp>
{
    private const string Page = """
        query($first: Int) { courses(first: $first) { nodes { partner { name } instructors { name } modules { items { title } } } } }
        """;

    [Fact]
    public async Task A_page_of_courses_costs_the_same_small_number_of_queries_for_any_size()
    {
        await catalog.GraphQL.PostAsync(Page, new { first = 1 }); // warm up: EF model and connection pool

        var small = await CountRoundTripsAsync(new { first = 2 });
        var full = await CountRoundTripsAsync(new { first = 20 });
        var large = await CountRoundTripsAsync(new { first = 34 });

        // courses page, partners, instructors, modules, items: one query each
        Assert.Equal(5, full);
        Assert.Equal(full, small);
        Assert.Equal(full, large);
    }

    private async Task<int> CountRoundTripsAsync(object variables)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var commands = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Npgsql also traces opening physical connections; only commands are round trips of the query.
                if (activity.TraceId == traceId && !activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    commands.Add(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var response = await catalog.GraphQL.PostAsync(Page, variables,
            new Dictionary<string, string> { ["traceparent"] = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" });
        response.Ok();
        return commands.Count;
    }
}

/// <summary>The catalog with its cache off, so that every read reaches PostgreSQL and its queries can be counted.</summary>
public sealed class UncachedCatalogApp : CatalogApp
{
    public UncachedCatalogApp() => Settings["Caching:Enabled"] = "false";
}
