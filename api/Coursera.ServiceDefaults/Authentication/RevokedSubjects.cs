using StackExchange.Redis;

namespace Coursera.ServiceDefaults.Authentication;

/// <summary>
/// Subjects whose access tokens stop working at once, in every service: an erased account's tokens would otherwise
/// keep working until they expire, since services validate tokens by their signature alone. Kept in Redis, which
/// every instance shares, for at least an access token's lifetime; <see cref="InvalidTokenRefusal"/> checks it on each
/// request that carries a bearer token (one key lookup).
/// </summary>
public static class RevokedSubjects
{
    private const string Prefix = "coursera:revoked-subject:";

    /// <summary>Refuses every token of <paramref name="subject"/> from now on, for <paramref name="lifetime"/>.</summary>
    public static async Task RevokeAsync(IConnectionMultiplexer redis, string subject, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(redis);
        await redis.GetDatabase().StringSetAsync(Prefix + subject, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), lifetime);
    }

    public static async Task<bool> IsRevokedAsync(IConnectionMultiplexer redis, string subject)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return await redis.GetDatabase().KeyExistsAsync(Prefix + subject);
    }
}
