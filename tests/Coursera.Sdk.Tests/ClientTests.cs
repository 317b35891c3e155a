using System.Net;

namespace Coursera.Sdk.Tests;

/// <summary>An LMS's first steps with the SDK: its token, who it is, the catalog page after page, and the errors it meets.</summary>
[Collection(SharedPlatform.Name)]
public sealed class ClientTests(SdkPlatformApp platform)
{
    [Fact]
    public async Task The_client_gets_a_token_and_the_platform_knows_it_as_the_organizations_api_client()
    {
        using var client = new CourseraClient(platform.Options());

        var me = await client.Me.GetMeAsync();

        Assert.True(me.IsApiClient);
        Assert.Equal(platform.ClientId, me.ClientId);
        Assert.Contains(platform.OrganizationId, me.OrganizationIds);
        Assert.Subset(SdkPlatformApp.LmsScopes.ToHashSet(), me.Scopes.ToHashSet());
    }

    [Fact]
    public async Task The_pager_reads_every_course_page_after_page()
    {
        using var client = new CourseraClient(platform.Options());
        var onePage = (await client.Courses.ListCoursesAsync(limit: 100)).Data.Select(c => c.Id).ToList();
        Assert.True(onePage.Count > 2, $"The sample catalog has {onePage.Count} courses; the test needs more than one page of 2.");

        var paged = new List<Guid>();
        await foreach (var course in client.Courses.ListAllCoursesAsync(limit: 2))
        {
            paged.Add(course.Id);
        }

        Assert.Equal(onePage, paged);
    }

    [Fact]
    public async Task A_course_is_found_by_its_slug()
    {
        using var client = new CourseraClient(platform.Options());
        var listed = (await client.Courses.ListCoursesAsync(limit: 1)).Data.Single();

        var found = await client.Courses.GetCourseAsync(listed.Slug);

        Assert.Equal(listed.Id, found.Id);
        Assert.Equal(listed.Title, found.Title);
    }

    [Fact]
    public async Task A_missing_course_is_an_exception_with_the_problem_details()
    {
        using var client = new CourseraClient(platform.Options());

        var refused = await Assert.ThrowsAsync<CourseraApiException<Problem>>(() => client.Courses.GetCourseAsync("no-such-course"));

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("NOT_FOUND", refused.Code);
        Assert.Equal("The course was not found.", refused.Title);
        Assert.Equal(refused.Result.Code, refused.Code);
        Assert.Contains("NOT_FOUND", refused.Response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_the_platform_answers_401_UNAUTHENTICATED()
    {
        using var client = new CourseraClient(new CourseraClientOptions { BaseUrl = new Uri(platform.Address) });

        var refused = await Assert.ThrowsAnyAsync<CourseraApiException>(() => client.Me.GetMeAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("UNAUTHENTICATED", refused.Code);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_token_endpoint_as_invalid_client()
    {
        var options = platform.Options();
        options.ClientSecret = "not-the-secret";
        using var client = new CourseraClient(options);

        var refused = await Assert.ThrowsAnyAsync<CourseraApiException>(() => client.Me.GetMeAsync());

        Assert.Equal("invalid_client", refused.Code);
        Assert.True(refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"status {refused.Status}");
    }

    [Fact]
    public async Task Anyone_can_check_a_certificate_and_an_unknown_code_is_not_found()
    {
        using var client = new CourseraClient(new CourseraClientOptions { BaseUrl = new Uri(platform.Address) });

        var refused = await Assert.ThrowsAnyAsync<CourseraApiException>(() => client.Certificates.VerifyCertificateAsync("NO-SUCH-CODE"));

        Assert.Equal("NOT_FOUND", refused.Code);
    }
}
