using System.Net;
using System.Text.Json;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Validation;

namespace Coursera.Identity.Tests;

/// <summary>
/// The identity server's sign-in cookie (review F15): a password reset ends a copied cookie within about a minute, and
/// no activity keeps a session past eight hours. And signing out (F17): only a request from the user's own client does
/// it at once; anything else asks the user.
/// </summary>
public sealed class SessionLifetimeTests(SessionLifetimeTests.ClockedIdentityApp identity) : IClassFixture<SessionLifetimeTests.ClockedIdentityApp>
{
    [Fact]
    public async Task A_copied_cookie_stops_working_within_two_minutes_of_a_password_reset()
    {
        var learner = await NewLearner.CreateAsync(identity.Services);
        var stolen = await identity.SignedInBrowserAsync(learner);
        Assert.True(await identity.AuthorizesAsync(stolen));

        using (var scope = identity.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByIdAsync(learner.Id.ToString()))!;
            Assert.True((await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "a brand new passphrase")).Succeeded);
        }

        identity.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await identity.AuthorizesAsync(stolen));
    }

    [Fact]
    public async Task A_session_ends_eight_hours_after_sign_in_however_active_it_was()
    {
        var learner = await NewLearner.CreateAsync(identity.Services);
        var browser = await identity.SignedInBrowserAsync(learner);
        for (var hours = 2; hours <= 6; hours += 2)
        {
            identity.Clock.Advance(TimeSpan.FromHours(2));
            Assert.True(await identity.AuthorizesAsync(browser), $"still signed in after {hours} hours");
        }

        identity.Clock.Advance(TimeSpan.FromHours(3));
        Assert.False(await identity.AuthorizesAsync(browser));
    }

    [Fact]
    public async Task Another_site_cannot_sign_the_user_out_without_the_user_confirming()
    {
        var learner = await NewLearner.CreateAsync(identity.Services);
        var browser = await identity.SignedInBrowserAsync(learner);

        // What an <img src="…/connect/endsession"> on another site makes the browser send.
        using (var forged = await browser.Http.GetAsync("/connect/endsession"))
        {
            Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
            Assert.Contains("Sign out?", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(await identity.AuthorizesAsync(browser));

        // The user confirms on the page.
        using (var confirmed = await browser.PostFormAsync("/connect/endsession", new() { ["confirm"] = "yes" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        Assert.False(await identity.AuthorizesAsync(browser));
    }

    /// <summary>The identity service alone, in Development, with a clock the tests move.</summary>
    public sealed class ClockedIdentityApp : ServiceApp<Coursera.Identity.Program>
    {
        public ClockedIdentityApp()
        {
            Settings["Identity:MigrateOnStart"] = "true";
            Settings["Identity:Seed"] = "true";
            Settings["Identity:KeysPath"] = Path.Combine(Folder, "keys");
            Settings["Identity:DevCredentialsPath"] = Path.Combine(Folder, "dev-credentials.json");
            Settings["Mail:Path"] = Path.Combine(Folder, "mail");
            TestServices = services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.Configure<OpenIddictValidationOptions>(options => options.TimeProvider = TimeProvider.System);
            };
        }

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        private string Redirect { get; set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var credentials = JsonSerializer.Deserialize<DevCredentials>(await File.ReadAllTextAsync(Settings["Identity:DevCredentialsPath"]!))!;
            Redirect = credentials.PublicClients.Single(c => c.ClientId == SampleTenants.LearnerAppClientId).RedirectUri;
        }

        public async Task<OidcTestClient> SignedInBrowserAsync(NewLearner learner)
        {
            var browser = new OidcTestClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
            using var signedIn = await browser.PostFormAsync("/account/login", new() { ["email"] = learner.Email, ["password"] = learner.Password });
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            return browser;
        }

        /// <summary>Whether the browser's session still gets a code from the authorization endpoint without signing in.</summary>
        public async Task<bool> AuthorizesAsync(OidcTestClient browser)
        {
            using var answer = await browser.Http.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
            {
                ["client_id"] = SampleTenants.LearnerAppClientId, ["response_type"] = "code", ["redirect_uri"] = Redirect, ["scope"] = "openid",
                ["code_challenge"] = new string('q', 43), ["code_challenge_method"] = "S256",
            }));
            var location = answer.Headers.Location?.ToString() ?? "";
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            return location.StartsWith(Redirect, StringComparison.Ordinal) && location.Contains("code=", StringComparison.Ordinal);
        }
    }
}
