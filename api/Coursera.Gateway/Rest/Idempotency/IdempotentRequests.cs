using System.Security.Cryptography;
using System.Text.Json;
using Coursera.Gateway.Rest.Conventions;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace Coursera.Gateway.Rest.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on REST POSTs: the first request with a key runs; for 24 hours the same caller sending the
/// same key again gets the first answer back (with <c>Idempotent-Replayed: true</c>) and nothing runs twice. The same
/// key with another request is refused (422 <c>IDEMPOTENCY_KEY_REUSED</c>), and one still running answers 409. Only
/// answers of requests that ran (2xx, 3xx) are kept. A refusal (any 4xx: bad input, a course not yet public, refused
/// credentials, a rate limit) changed nothing, so there is nothing to protect from running twice, and keeping it would
/// refuse the client's retry under the same key for a day after the cause was put right (as Stripe keeps no result
/// for a request that failed validation); server failures are not kept either. Stored bodies are
/// encrypted with the platform's key ring: an answer can hold a secret shown once (a webhook's <c>whsec_…</c>), and
/// Redis is no place for it in clear.
/// </summary>
public sealed class IdempotentRequests(IServiceProvider services, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The Data Protection purpose of stored answers.</summary>
    public const string Purpose = "Coursera.Gateway.Idempotency";

    private readonly IDataProtector _bodies = protection.CreateProtector(Purpose);

    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    public static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    // Long enough for any request to finish (the execution timeout is far shorter); a process that dies mid-request
    // frees its keys after it.
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        // Keys belong to a caller: anonymous requests share no key space (one stranger must never get another's
        // answer), and no POST of v1 does anything for them anyway.
        var caller = Caller.From(http.User).Subject;
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.Headers[Header] is not [{ } key] || caller is null)
        {
            await next(http);
            return;
        }

        if (key.Length is 0 or > MaxKeyLength)
        {
            await Problems.WriteAsync(http, StatusCodes.Status400BadRequest, "INVALID_IDEMPOTENCY_KEY",
                $"{Header} must be 1 to {MaxKeyLength} characters.");
            return;
        }

        if (services.GetService<IConnectionMultiplexer>() is not { } redis)
        {
            await Problems.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "IDEMPOTENCY_UNAVAILABLE",
                $"This instance keeps no {Header} store (ConnectionStrings:Redis); send the request without one, or to another instance.");
            return;
        }

        var fingerprint = await FingerprintAsync(http);
        var storeKey = $"rest:idempotency:{caller}:{Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))}";
        var db = redis.GetDatabase();
        var claim = JsonSerializer.Serialize(new StoredResponse(fingerprint, Pending: true, 0, null, null, null, clock.GetUtcNow()));
        if (!await db.StringSetAsync(storeKey, claim, Claim, When.NotExists))
        {
            await AnswerAgainAsync(http, await db.StringGetAsync(storeKey), fingerprint);
            return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            await db.KeyDeleteAsync(storeKey);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }

        var status = http.Response.StatusCode;
        if (status >= 400)
        {
            await db.KeyDeleteAsync(storeKey);
        }
        else
        {
            var stored = new StoredResponse(fingerprint, Pending: false, status, http.Response.ContentType,
                http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, _bodies.Protect(buffer.ToArray()),
                clock.GetUtcNow());
            await db.StringSetAsync(storeKey, JsonSerializer.Serialize(stored), Kept);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    private async Task AnswerAgainAsync(HttpContext http, RedisValue value, string fingerprint)
    {
        var stored = value.HasValue ? JsonSerializer.Deserialize<StoredResponse>(value.ToString()) : null;
        if (stored is null || stored.Pending)
        {
            http.Response.Headers.RetryAfter = "1";
            await Problems.WriteAsync(http, StatusCodes.Status409Conflict, "IDEMPOTENCY_KEY_IN_USE",
                $"A request with this {Header} is still running; ask again in a moment to get its answer.");
            return;
        }

        if (stored.Fingerprint != fingerprint)
        {
            await Problems.WriteAsync(http, StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED",
                $"This {Header} was used with another request in the last {Kept.TotalHours:0} hours; use a new key for a new request.");
            return;
        }

        byte[] answer;
        try
        {
            answer = stored.Body is { Length: > 0 } body ? _bodies.Unprotect(body) : [];
        }
        catch (CryptographicException)
        {
            // Stored by an instance whose key ring this one does not share (no ConnectionStrings:Postgres here).
            await Problems.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "IDEMPOTENCY_UNAVAILABLE",
                $"The first answer to this {Header} cannot be read by this instance; send the request again in a moment.");
            return;
        }

        http.Response.StatusCode = stored.Status;
        http.Response.Headers[ReplayedHeader] = "true";
        if (stored.ContentType is not null)
        {
            http.Response.ContentType = stored.ContentType;
        }

        if (stored.Location is not null)
        {
            http.Response.Headers.Location = stored.Location;
        }

        if (answer.Length > 0)
        {
            await http.Response.Body.WriteAsync(answer, http.RequestAborted);
        }
    }

    /// <summary>What makes two requests the same: method, path with query, and the exact body.</summary>
    private static async Task<string> FingerprintAsync(HttpContext http)
    {
        http.Request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        http.Request.Body.Position = 0;
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private sealed record StoredResponse(string Fingerprint, bool Pending, int Status, string? ContentType, string? Location, byte[]? Body,
        DateTimeOffset At);
}
