using System.Text.Json.Nodes;
using Coursera.Gateway.Rest;
using Coursera.Gateway.Rest.Conventions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coursera.Gateway.Tests;

/// <summary>The deprecation policy of REST v1: a deprecated endpoint still answers, with its notice in headers and in the document.</summary>
public sealed class DeprecationTests
{
    private static readonly DateTimeOffset Since = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sunset = new(2027, 7, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_deprecated_endpoint_answers_with_its_deprecation_sunset_and_successor()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenApi(RestApi.DocumentName, RestDocument.Configure);
        await using var app = builder.Build();
        app.MapGet("/v1/old-courses", () => Results.Ok(new { still = "works" })).WithGroupName(RestApi.DocumentName).WithName("listOldCourses")
            .Deprecated(Since, Sunset, "/v1/courses");
        app.MapOpenApi("/openapi/{documentName}.json");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var response = await http.GetAsync("/v1/old-courses");

        response.EnsureSuccessStatusCode();
        Assert.Equal("@" + Since.ToUnixTimeSeconds(), response.Headers.GetValues("Deprecation").Single());
        Assert.Equal("Mon, 05 Jul 2027 00:00:00 GMT", response.Headers.GetValues("Sunset").Single());
        Assert.Equal("</v1/courses>; rel=\"successor-version\"", response.Headers.GetValues("Link").Single());

        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var operation = document["paths"]!["/v1/old-courses"]!["get"]!;
        Assert.True(operation["deprecated"]!.GetValue<bool>());
        Assert.Contains("removed on 2027-07-05: use /v1/courses", operation["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_cannot_be_given_less_than_six_months_notice()
    {
        var app = WebApplication.CreateBuilder().Build();
        var endpoint = app.MapGet("/v1/soon-gone", () => Results.Ok());

        Assert.Throws<ArgumentOutOfRangeException>(() => endpoint.Deprecated(Since, Since.AddMonths(3), "/v1/courses"));
    }
}
