using System.Security.Claims;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Webhooks.Data;
using Coursera.Webhooks.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Webhooks.Tests;

/// <summary>Text longer than an endpoint keeps is a typed user error that changes nothing, not a database failure.</summary>
public sealed class InputLimitTests
{
    [Fact]
    public async Task A_long_description_or_url_is_a_user_error_and_nothing_is_stored()
    {
        await using var app = await WebhooksApp.StartAsync(dispatch: false);
        var management = app.Services.GetRequiredService<WebhookManagement>();
        var tenant = Guid.CreateVersion7();
        var lms = ApiClient(tenant);

        var longDescription = await management.CreateAsync(new CreateWebhookEndpointInput { Url = "https://lms.example/a", Description = new string('d', 501) },
            lms, CancellationToken.None);
        var longUrl = await management.CreateAsync(new CreateWebhookEndpointInput { Url = "https://lms.example/" + new string('u', 2000) }, lms,
            CancellationToken.None);
        var unknownType = await management.CreateAsync(new CreateWebhookEndpointInput { Url = "https://lms.example/b", EventTypes = [new string('t', 100_000)] },
            lms, CancellationToken.None);

        Assert.Equal("INVALID_DESCRIPTION", Assert.Single(longDescription.Errors).Code);
        Assert.Equal(["input", "description"], longDescription.Errors[0].Path);
        Assert.Equal("INVALID_URL", Assert.Single(longUrl.Errors).Code);
        Assert.True(Assert.Single(unknownType.Errors).Message.Length < 200, "The refusal repeats the caller's text.");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebhooksDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Endpoints.ToListAsync());

        var created = await management.CreateAsync(new CreateWebhookEndpointInput { Url = "https://lms.example/c", Description = new string('d', 500) },
            lms, CancellationToken.None);
        var updated = await management.UpdateAsync(new UpdateWebhookEndpointInput
        {
            EndpointId = created.Endpoint!.Id.ToString(), Description = new string('d', 501),
        }, lms, CancellationToken.None);
        Assert.Equal("INVALID_DESCRIPTION", Assert.Single(updated.Errors).Code);
        Assert.Equal(500, (await db.Endpoints.SingleAsync()).Description!.Length);
    }

    private static Caller ApiClient(Guid tenant) => Caller.From(new ClaimsPrincipal(new ClaimsIdentity(
    [
        new Claim(CourseraClaims.Subject, "lms"), new Claim(CourseraClaims.ClientId, "lms"), new Claim(CourseraClaims.Scope, WebhookAccess.Scope),
        new Claim(CourseraClaims.PartnerId, tenant.ToString()),
    ], "test")));
}
