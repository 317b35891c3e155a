using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Coursera.Subgraphs.Internal;

/// <summary>
/// What proves that a request to a subgraph comes from the federation gateway: an HMAC-SHA256, under the key both
/// share (<c>Subgraphs:GatewayKey</c>), of the time it was sent, its method and its path, in the
/// <c>Coursera-Gateway-Signature</c> header (<c>t=unix seconds,v1=base64</c>). Clients hold no key, so they cannot reach
/// a subgraph's root fields without the gateway's limits, nor <c>_entities</c> and <c>_service</c> at all. The time bounds
/// a captured header's use to <see cref="Tolerance"/>, and the path to the subgraph it was sent to.
/// <para>
/// Rotating the key without a moment of 403s: subgraphs first also accept the new key
/// (<c>Subgraphs:AcceptedGatewayKeys:0</c>), then gateways sign with it (<c>Subgraphs:GatewayKey</c>), then subgraphs
/// take it as their key and drop the old one (docs/operations.md, "Rotating keys").
/// </para>
/// </summary>
public sealed class GatewayCredential
{
    public const string HeaderName = "Coursera-Gateway-Signature";

    /// <summary>The configuration key of the shared secret, in the gateway and in every subgraph served over HTTP.</summary>
    public const string KeySetting = "Subgraphs:GatewayKey";

    /// <summary>Further keys a subgraph accepts (never signs with) while the gateways move to a new key.</summary>
    public const string AcceptedKeysSetting = "Subgraphs:AcceptedGatewayKeys";

    /// <summary>Long enough for 256 bits of a random key written in base64 or hex.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>How old (or, with clocks apart, how far ahead) a signature may be.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly byte[] _key;
    private readonly byte[][] _accepted;
    private readonly TimeProvider _time;

    /// <param name="key">The key requests are signed with, and accepted under.</param>
    /// <param name="time">The clock (tests move it).</param>
    /// <param name="acceptedKeys">Keys whose signatures are accepted too, during a rotation.</param>
    public GatewayCredential(string key, TimeProvider? time = null, IEnumerable<string>? acceptedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var keys = new[] { key }.Concat(acceptedKeys ?? []).ToList();
        if (keys.Any(k => k.Length < MinimumKeyLength))
        {
            throw new InvalidOperationException($"{KeySetting} and {AcceptedKeysSetting} must be at least {MinimumKeyLength} characters long.");
        }

        _accepted = [.. keys.Select(Encoding.UTF8.GetBytes)];
        _key = _accepted[0];
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The credential configured for this process, or null when <c>Subgraphs:GatewayKey</c> is not set.</summary>
    public static GatewayCredential? FromConfiguration(IConfiguration configuration, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // A list (…:AcceptedGatewayKeys:0) or, as an operator may well write it, a single value.
        var section = configuration.GetSection(AcceptedKeysSetting);
        var accepted = section.GetChildren().Select(k => k.Value).Append(section.Value).OfType<string>().Where(k => k.Length > 0);
        return configuration[KeySetting] is { Length: > 0 } key ? new GatewayCredential(key, time, accepted) : null;
    }

    /// <summary>The header value for a request of <paramref name="method"/> to <paramref name="path"/>, sent now.</summary>
    public string Sign(string method, string path)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToBase64String(Mac(timestamp, method, path))}";
    }

    /// <summary>Whether the request carries a signature of this key, made within the tolerance, for its own method and path.</summary>
    public bool Verifies(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderName].ToString();
        long? timestamp = null;
        byte[]? signature = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signature = FromBase64(part[3..]);
            }
        }

        if (timestamp is not { } sent || signature is null)
        {
            return false;
        }

        var age = _time.GetUtcNow().ToUnixTimeSeconds() - sent;
        var path = (request.PathBase + request.Path).Value ?? "/";
        return Math.Abs(age) <= Tolerance.TotalSeconds
            && _accepted.Any(key => CryptographicOperations.FixedTimeEquals(signature, Mac(key, sent, request.Method, path)));
    }

    private byte[] Mac(long timestamp, string method, string path) => Mac(_key, timestamp, method, path);

    private static byte[] Mac(byte[] key, long timestamp, string method, string path) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(
            $"{timestamp.ToString(CultureInfo.InvariantCulture)}.{method.ToUpperInvariant()}.{(path.Length == 0 ? "/" : path)}"));

    private static byte[]? FromBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
