namespace Coursera.Platform.Tests.Security;

/// <summary>
/// The all-in-one host on a loopback socket behind a "proxy" the tests play: 127.0.0.1 is a known proxy, so each test
/// speaks from client addresses of its own through <c>X-Forwarded-For</c>. Sign-in limits are the real defaults (other
/// fixtures raise them); the API's and the token endpoint's are small enough to reach in a few requests.
/// </summary>
public sealed class RateLimitPlatform : PlatformApp
{
    public const int ApiPerAddress = 5;
    public const int CertificatesPerAddress = 3;
    public const int TokenPerClient = 5;

    private static int _lastAddress;

    public RateLimitPlatform()
        : base(socket: true)
    {
        Settings["ForwardedHeaders:KnownProxies"] = "127.0.0.1";
        Settings["RateLimiting:SignIn:PerAddress"] = "20"; // the defaults, which ServiceApp raises for other fixtures
        Settings["RateLimiting:SignIn:PerAccount"] = "10";
        Settings["RateLimiting:Api:PerAddress"] = $"{ApiPerAddress}";
        Settings["RateLimiting:Certificates:PerAddress"] = $"{CertificatesPerAddress}";
        Settings["RateLimiting:Token:PerClient"] = $"{TokenPerClient}";
    }

    /// <summary>A client address no other test of the run uses (TEST-NET-3).</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return $"203.0.{113 + (n / 250)}.{1 + (n % 250)}";
    }

    /// <summary>A browser (cookies, redirects shown) at <paramref name="address"/>.</summary>
    public HttpClient BrowserAt(string address)
    {
        var http = Browser();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }
}
