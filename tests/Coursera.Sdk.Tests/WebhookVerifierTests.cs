using System.Globalization;
using System.Text.Json;
using Coursera.Sdk.Events;
using Coursera.Sdk.Webhooks;
using Coursera.Webhooks.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace Coursera.Sdk.Tests;

/// <summary>Webhooks signed by the platform's own dispatcher code (<see cref="WebhookSignature"/>, <see cref="WebhookBody"/>), verified by the SDK.</summary>
public sealed class WebhookVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly string _secret = WebhookSignature.NewSecret();
    private readonly Guid _enrollmentId = Guid.NewGuid();

    [Fact]
    public void A_webhook_signed_by_the_platform_is_verified_and_its_data_typed()
    {
        var (headers, body) = Signed("enrollment.completed", EnrollmentCompletedData());

        var webhook = Verifier(_secret).Verify(headers, body);

        Assert.Equal(headers[WebhookVerifier.IdHeader], webhook.Id);
        Assert.Equal("enrollment.completed", webhook.Type);
        Assert.Equal(Now.AddSeconds(-2), webhook.Timestamp);
        var completed = Assert.IsType<EnrollmentCompleted>(webhook.TypedData);
        Assert.Equal(_enrollmentId, completed.EnrollmentId);
        Assert.Equal(EnrollmentCompletedTrack.ENTERPRISE, completed.Track);
        Assert.Equal(EnrollmentCompletedState.COMPLETED, completed.State);
        Assert.True(webhook.TryGetData(out EnrollmentCompleted? again));
        Assert.Same(completed, again);
        Assert.False(webhook.TryGetData(out CertificateIssued? _));
        Assert.Equal(_enrollmentId, webhook.DataAs<EnrollmentCompleted>().EnrollmentId);
    }

    [Fact]
    public void Headers_are_found_whatever_their_case_and_through_a_lookup()
    {
        var (headers, body) = Signed("enrollment.completed", EnrollmentCompletedData());
        var upper = headers.ToDictionary(h => h.Key.ToUpperInvariant(), h => h.Value);

        Assert.Equal("enrollment.completed", Verifier(_secret).Verify(upper, body).Type);
        Assert.Equal("enrollment.completed", Verifier(_secret).Verify(name => headers.GetValueOrDefault(name), body).Type);
    }

    [Fact]
    public void During_a_rotation_either_secret_verifies_a_message_signed_with_both()
    {
        var next = WebhookSignature.NewSecret();
        var (headers, body) = Signed("enrollment.completed", EnrollmentCompletedData(), _secret, next);

        Assert.Equal("enrollment.completed", Verifier(_secret).Verify(headers, body).Type);
        Assert.Equal("enrollment.completed", Verifier(next).Verify(headers, body).Type);
        Assert.Equal("enrollment.completed", new WebhookVerifier([WebhookSignature.NewSecret(), next], clock: _clock).Verify(headers, body).Type);
    }

    [Fact]
    public void A_changed_body_is_refused()
    {
        var (headers, body) = Signed("enrollment.completed", EnrollmentCompletedData());

        Assert.Throws<WebhookVerificationException>(() => Verifier(_secret).Verify(headers, body.Replace("COMPLETED", "WITHDRAWN", StringComparison.Ordinal)));
    }

    [Fact]
    public void Another_endpoints_secret_is_refused()
    {
        var (headers, body) = Signed("enrollment.completed", EnrollmentCompletedData());

        Assert.Throws<WebhookVerificationException>(() => Verifier(WebhookSignature.NewSecret()).Verify(headers, body));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_more_than_five_minutes_away_is_refused(int seconds)
    {
        var (headers, body) = Signed("enrollment.completed", EnrollmentCompletedData(), sentAt: Now.AddSeconds(seconds));

        var refused = Assert.Throws<WebhookVerificationException>(() => Verifier(_secret).Verify(headers, body));
        Assert.Contains("minutes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_without_its_headers_or_with_a_signature_of_another_scheme_is_refused()
    {
        var (headers, body) = Signed("enrollment.completed", EnrollmentCompletedData());
        var verifier = Verifier(_secret);

        Assert.Throws<WebhookVerificationException>(() => verifier.Verify(headers.Where(h => h.Key != WebhookVerifier.SignatureHeader).ToDictionary(), body));
        var otherScheme = new Dictionary<string, string>(headers) { [WebhookVerifier.SignatureHeader] = headers[WebhookVerifier.SignatureHeader].Replace("v1,", "v2,", StringComparison.Ordinal) };
        Assert.Throws<WebhookVerificationException>(() => verifier.Verify(otherScheme, body));
    }

    [Fact]
    public void A_secret_that_is_not_base64_is_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => new WebhookVerifier("whsec_not base64!"));
    }

    [Fact]
    public void A_type_without_a_model_still_gives_its_raw_data()
    {
        using var data = JsonDocument.Parse("""{"endpointId":"0195e3a4-0000-7000-8000-000000000001","note":"hello"}""");
        var (headers, body) = Signed("webhook.test", data.RootElement);

        var webhook = Verifier(_secret).Verify(headers, body);

        Assert.Null(webhook.TypedData);
        Assert.Equal("hello", webhook.Data.GetProperty("note").GetString());
    }

    private WebhookVerifier Verifier(string secret) => new([secret], clock: _clock);

    private (Dictionary<string, string> Headers, string Body) Signed(string type, JsonElement data, params string[] secrets) =>
        Signed(type, data, Now, secrets);

    /// <summary>A message as WebhookDispatcher sends it: WebhookBody's body, one signature per secret, space-separated.</summary>
    private (Dictionary<string, string> Headers, string Body) Signed(string type, JsonElement data, DateTimeOffset sentAt, params string[] secrets)
    {
        var body = WebhookBody.Create(type, Now.AddSeconds(-2).UtcDateTime, data);
        var id = $"msg_{Guid.NewGuid():N}";
        var timestamp = sentAt.ToUnixTimeSeconds();
        var signatures = (secrets.Length == 0 ? [_secret] : secrets).Select(s => WebhookSignature.Sign(s, id, timestamp, body));
        return (new Dictionary<string, string>
        {
            [WebhookVerifier.IdHeader] = id,
            [WebhookVerifier.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [WebhookVerifier.SignatureHeader] = string.Join(' ', signatures),
        }, body);
    }

    private JsonElement EnrollmentCompletedData() => JsonSerializer.SerializeToElement(new
    {
        enrollmentId = _enrollmentId,
        learnerId = Guid.NewGuid(),
        courseId = Guid.NewGuid(),
        sessionId = Guid.NewGuid(),
        partnerId = Guid.NewGuid(),
        organizationId = Guid.NewGuid(),
        track = "ENTERPRISE",
        state = "COMPLETED",
        occurredAt = Now.AddSeconds(-2),
    });
}
