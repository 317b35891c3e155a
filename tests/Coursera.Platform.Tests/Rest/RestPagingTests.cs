using System.Net;
using System.Text.Json.Nodes;

namespace Coursera.Platform.Tests.Rest;

/// <summary>An LMS reads a long list to its end by following the next links: every item once.</summary>
public sealed class RestPagingTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly RestCallers _callers = new(platform);

    [Fact]
    public async Task A_thousand_program_members_page_to_the_end_each_once()
    {
        var lms = await _callers.OrganizationClientAsync();
        var program = await (await lms.PostJsonAsync($"/v1/organizations/{await _callers.OrganizationIdAsync()}/programs",
            new { name = "Everyone", courseIds = new[] { await _callers.PublicCourseIdAsync() } })).JsonAsync(HttpStatusCode.Created);
        var members = Enumerable.Range(1, 1000).Select(i => new { externalId = $"HR-{i:D4}", email = $"employee{i:D4}@acme.example" }).ToList();
        await (await lms.PostJsonAsync($"/v1/programs/{program["id"]}/members", new { members })).JsonAsync(HttpStatusCode.OK);

        var externalIds = new List<string>();
        var url = $"/v1/programs/{program["id"]}/members?limit=150";
        var pages = 0;
        while (url is not null)
        {
            var page = await (await lms.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
            var data = page["data"]!.AsArray();
            Assert.True(data.Count <= 150);
            externalIds.AddRange(data.Select(m => m!["externalId"]!.GetValue<string>()));
            url = page["next"]?.GetValue<string>();
            pages++;
        }

        Assert.Equal(7, pages);
        Assert.Equal(1000, externalIds.Count);
        Assert.Equal(members.Select(m => m.externalId).Order(), externalIds.Order());
    }
}
