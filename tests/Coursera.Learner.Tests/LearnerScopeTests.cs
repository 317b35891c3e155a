using System.Net;
using Coursera.Identity.Data;
using Coursera.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>
/// A user's token acts as a learner only within the scopes the user granted (security review F6): enrolling and
/// recording progress need <c>enrollments:write</c>; exporting and erasing one's data need <c>personal_data</c>, which
/// only Coursera's own applications may be given, as platform administrators' roles are.
/// </summary>
public sealed class LearnerScopeTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task A_token_without_the_learner_scopes_neither_enrolls_nor_exports_nor_erases()
    {
        var course = await _path.PublishCourseAsync("scopes-course");
        var account = await NewLearner.CreateAsync(platform.Services);
        var readOnly = platform.Gateway((await platform.SignInAsync(account.Email, "openid profile catalog:read", SampleTenants.LearnerAppClientId,
            password: account.Password)).Access());

        // Only catalog:read: no enrollment, no export, no erasure, and nothing stored.
        Assert.Equal("FORBIDDEN", (await readOnly.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await readOnly.PostAsync("mutation { requestDataExport { export { id } errors { code } } }")).ErrorCode());
        Assert.Equal("FORBIDDEN", (await readOnly.PostAsync("mutation { eraseAccount(input: {}) { errors { code } } }")).ErrorCode());
        Assert.Null((await readOnly.PostAsync("query($c: ID!) { course(id: $c) { viewerEnrollment { id } } }", new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]);

        // The learner app's everyday scopes enroll and record progress, but do not reach personal data.
        var learner = platform.Gateway((await platform.SignInAsync(account.Email, LearnerScopes, SampleTenants.LearnerAppClientId, password: account.Password)).Access());
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));
        Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: STARTED}) { errors { code } } }", new { i = course.Lecture }));
        Assert.Equal("FORBIDDEN", (await learner.PostAsync("mutation { requestDataExport { export { id } errors { code } } }")).ErrorCode());
        Assert.Equal("FORBIDDEN", (await learner.PostAsync("mutation { eraseAccount(input: {}) { errors { code } } }")).ErrorCode());

        // With personal_data the export starts; its download needs the scope too.
        var owner = platform.Gateway((await platform.SignInAsync(account.Email, LearnerScopes + " personal_data", SampleTenants.LearnerAppClientId,
            password: account.Password)).Access());
        var exportId = Accepted(await owner.PostAsync("mutation { requestDataExport { export { id } errors { code } } }"))["requestDataExport"]!["export"]!["id"]!
            .GetValue<string>();
        using var download = await learner.Http.GetAsync($"/personal-data/exports/{exportId}");
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
    }

    [Theory]
    [InlineData("openid personal_data")]
    [InlineData("openid roles")]
    public async Task A_third_party_application_cannot_be_given_personal_data_or_roles(string scope)
    {
        const string Redirect = "https://study-buddy.example/callback";
        var clientId = $"study-buddy-{scope.Split(' ')[1]}";
        using (var services = platform.Services.CreateScope())
        {
            await services.ServiceProvider.GetRequiredService<Identity.Clients.FirstPartyClients>().RegisterAsync(clientId, "Study Buddy", new Uri(Redirect),
                new Uri("https://study-buddy.example/"), firstParty: false, ["catalog:read", "personal_data", "enrollments:write"], CancellationToken.None);
        }

        // Asked for anyway, the scope is refused before any sign-in: no code can carry it.
        var oidc = platform.Oidc();
        using var refused = await oidc.Http.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId, ["response_type"] = "code", ["redirect_uri"] = Redirect, ["scope"] = scope,
            ["code_challenge"] = new string('z', 43), ["code_challenge_method"] = "S256", ["state"] = "s1",
        }));
        var location = refused.Headers.Location?.ToString() ?? "";
        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest || location.StartsWith(Redirect, StringComparison.Ordinal),
            $"expected a refusal, got {(int)refused.StatusCode} {location}");
        Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
        if (location.Length > 0)
        {
            Assert.Contains("error=", location, StringComparison.Ordinal);
        }
    }
}
