using System.Net;
using Coursera.Sdk.Tests.Doubles;

namespace Coursera.Sdk.Tests;

/// <summary>Transient refusals are tried again, after as long as the platform asks.</summary>
[Collection(SharedPlatform.Name)]
public sealed class RetryTests(SdkPlatformApp platform)
{
    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_transient_refusal_is_retried_after_its_Retry_After_not_the_shorter_backoff(HttpStatusCode status)
    {
        await using var sdk = platform.Sdk(inner => new AnswersFirstItself(inner, status, TimeSpan.FromSeconds(2)));

        var me = await sdk.Client.Me.GetMeAsync();

        Assert.Equal(platform.ClientId, me.ClientId);
        var attempts = sdk.Transport.Attempts.ToList();
        Assert.Equal(2, attempts.Count);

        // The backoff alone would have waited 20 ms (SdkPlatformApp.Options).
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromSeconds(1.9), $"retried after {(attempts[1] - attempts[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_key_still_in_use_is_asked_again_and_gets_the_answer()
    {
        List<Guid> courses;
        using (var plain = new CourseraClient(platform.Options()))
        {
            courses = await SdkPlatformApp.CourseIdsAsync(plain, 1);
        }

        await using var sdk = platform.Sdk(inner => new AnswersFirstItself(inner, HttpStatusCode.Conflict, TimeSpan.FromSeconds(1), "IDEMPOTENCY_KEY_IN_USE"));

        var created = await sdk.Client.Programs.CreateProgramAsync(platform.OrganizationId,
            new CreateProgramRequest { Name = $"Retried {Guid.NewGuid():N}", CourseIds = courses });

        Assert.NotEqual(Guid.Empty, created.Id);
        Assert.Equal(2, sdk.Transport.Attempts.Count);
    }

    [Fact]
    public async Task With_retries_off_the_refusal_reaches_the_caller()
    {
        await using var sdk = platform.Sdk(inner => new AnswersFirstItself(inner, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(1)),
            options => options.Retry = new RetryOptions { MaxRetries = 0 });

        var refused = await Assert.ThrowsAnyAsync<CourseraApiException>(() => sdk.Client.Me.GetMeAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("UNAVAILABLE", refused.Code);
    }
}
