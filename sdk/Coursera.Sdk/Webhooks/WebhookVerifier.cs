using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coursera.Sdk.Webhooks;

/// <summary>
/// Checks that a webhook came from the platform, unchanged and recently (Standard Webhooks): the
/// <c>webhook-signature</c> header holds one or more space-separated <c>v1,</c> + base64 HMAC-SHA256 signatures of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the endpoint's secret. During a secret rotation the
/// platform signs with the old and the new secret; give the verifier both until the old one expires.
/// </summary>
/// <example>
/// <code>
/// var verifier = new WebhookVerifier(configuration["Coursera:WebhookSecret"]!);
/// app.MapPost("/coursera/webhooks", async (HttpRequest request) =>
/// {
///     var body = await new StreamReader(request.Body).ReadToEndAsync();
///     var webhook = verifier.Verify(name => request.Headers[name], body);
///     if (webhook.TypedData is EnrollmentCompleted completed) { ... }
///     return Results.NoContent();
/// });
/// </code>
/// </example>
public sealed class WebhookVerifier
{
    /// <summary>The header with the message's id, the same for every delivery attempt of one message.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header with the time of the delivery attempt, in Unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header with the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The prefix of the platform's secrets; what follows it is the key, in base64.</summary>
    public const string SecretPrefix = "whsec_";

    private const string SignaturePrefix = "v1,";

    private readonly byte[][] _keys;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _clock;

    /// <summary>A verifier for one endpoint secret.</summary>
    /// <param name="secret">The endpoint's secret, <c>whsec_</c> followed by base64.</param>
    /// <exception cref="ArgumentException">The secret is not base64 after its prefix.</exception>
    public WebhookVerifier(string secret)
        : this([secret])
    {
    }

    /// <summary>A verifier that accepts a signature made with any of <paramref name="secrets"/> (during a rotation).</summary>
    /// <param name="secrets">The endpoint's current secrets, each <c>whsec_</c> followed by base64.</param>
    /// <param name="tolerance">How far the timestamp may be from now, either way: 5 minutes by default, against replays.</param>
    /// <param name="clock">The time to check timestamps against; the system clock by default.</param>
    /// <exception cref="ArgumentException">No secret is given, or one is not base64 after its prefix.</exception>
    public WebhookVerifier(IEnumerable<string> secrets, TimeSpan? tolerance = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _keys = [.. secrets.Select(Key)];
        if (_keys.Length == 0)
        {
            throw new ArgumentException("Give at least one webhook secret.", nameof(secrets));
        }

        _tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Verifies a webhook whose headers are in a dictionary (header names in any case).</summary>
    /// <param name="headers">The request's headers; the <c>webhook-*</c> ones are needed.</param>
    /// <param name="body">The request's body exactly as received, before any JSON parsing.</param>
    /// <returns>The event the webhook carries.</returns>
    /// <exception cref="WebhookVerificationException">A header is missing, the timestamp is outside the tolerance, or no signature matches.</exception>
    public WebhookEvent Verify(IReadOnlyDictionary<string, string> headers, string body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(name => headers.TryGetValue(name, out var value)
            ? value
            : headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value, body);
    }

    /// <summary>Verifies a webhook whose headers are read by name, e.g. <c>name =&gt; request.Headers[name]</c> in ASP.NET Core.</summary>
    /// <param name="header">Gives a request header's value by name, or null.</param>
    /// <param name="body">The request's body exactly as received, before any JSON parsing.</param>
    /// <returns>The event the webhook carries.</returns>
    /// <exception cref="WebhookVerificationException">A header is missing, the timestamp is outside the tolerance, or no signature matches.</exception>
    public WebhookEvent Verify(Func<string, string?> header, string body)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Verify(header(IdHeader), header(TimestampHeader), header(SignatureHeader), body);
    }

    /// <summary>Verifies a webhook from the values of its three headers.</summary>
    /// <param name="id">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The request's body exactly as received, before any JSON parsing.</param>
    /// <returns>The event the webhook carries.</returns>
    /// <exception cref="WebhookVerificationException">A header is missing, the timestamp is outside the tolerance, or no signature matches.</exception>
    public WebhookEvent Verify(string? id, string? timestamp, string? signature, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            throw new WebhookVerificationException($"A webhook needs the {IdHeader}, {TimestampHeader} and {SignatureHeader} headers.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw new WebhookVerificationException($"{TimestampHeader} is not a Unix time in seconds.");
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((_clock.GetUtcNow() - sentAt).Duration() > _tolerance)
        {
            throw new WebhookVerificationException($"{TimestampHeader} ({sentAt:u}) is more than {_tolerance.TotalMinutes:0.#} minutes from now: a replay, or a wrong clock.");
        }

        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        var expected = _keys.Select(key => HMACSHA256.HashData(key, signed)).ToList();
        var matches = signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            .Select(s => Decode(s[SignaturePrefix.Length..]))
            .Any(sent => sent is not null && expected.Any(e => CryptographicOperations.FixedTimeEquals(e, sent)));
        if (!matches)
        {
            throw new WebhookVerificationException("No signature matches the body with the secrets given: the body was changed, or the secret is not this endpoint's.");
        }

        return WebhookEvent.Parse(id, body);
    }

    private static byte[] Key(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Decode(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret)
            ?? throw new ArgumentException($"A webhook secret is {SecretPrefix} followed by base64.", nameof(secret));
    }

    private static byte[]? Decode(string base64)
    {
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? bytes[..written] : null;
    }
}
