using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Coursera.Webhooks.Delivery;

/// <summary>
/// Keeps webhooks from being aimed inside our network (SSRF): loopback, private, link-local, unique-local, shared,
/// benchmarking, IETF-protocol, documentation, multicast and unspecified addresses are refused, also when an IPv6
/// address carries one inside (NAT64 is decoded and checked again; 6to4, Teredo and IPv4-compatible addresses, all
/// deprecated tunnels, are refused outright). Checked when the endpoint is registered (a literal address) and again at
/// every connection, after DNS resolution, since a name can resolve anywhere by then. Only the standard ports are
/// reachable unless configured, so a public host's other services (SMTP, Redis) cannot be probed.
/// </summary>
public sealed class TargetAddressPolicy(IOptions<WebhooksOptions> options, IHostEnvironment environment)
{
    /// <summary>
    /// What the delivery log says of a name that does not resolve and of one that resolves only to refused addresses
    /// alike: telling them apart would map the internal DNS.
    /// </summary>
    public const string Unreachable = "The endpoint's host did not resolve to an address webhooks may reach.";

    private readonly WebhooksOptions _options = options.Value;

    public bool AllowHttp => _options.AllowHttp ?? environment.IsDevelopment();

    /// <returns>Why the URL is refused, or null when it is acceptable.</returns>
    public string? Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "The URL must be an absolute http(s) URL.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !AllowHttp)
        {
            return "The URL must use https.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL must not carry credentials.";
        }

        if (!IsAllowedPort(uri.Port))
        {
            return $"The URL must use port {string.Join(" or ", AllowedPorts)}.";
        }

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsAllowed(address)
            ? "The URL points at a private, loopback or link-local address."
            : null;
    }

    /// <summary>The configured ports; by default 443, and 80 when http is allowed.</summary>
    public IReadOnlyList<int> AllowedPorts =>
        _options.AllowedPorts.Count > 0 ? _options.AllowedPorts : AllowHttp ? [443, 80] : [443];

    /// <summary>Local receivers of the development host listen anywhere: with private targets allowed, so is any port.</summary>
    public bool IsAllowedPort(int port) =>
        (_options.AllowPrivateTargets && _options.AllowedPorts.Count == 0) || AllowedPorts.Contains(port);

    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _options.AllowPrivateTargets || IsPublic(address);
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicIPv4(address.GetAddressBytes());
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // ::a.b.c.d, IPv4-compatible
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            // NAT64: the well-known prefix 64:ff9b::/96 reaches the IPv4 address it ends with; 64:ff9b:1::/48 is for local use.
            return b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 && IsPublicIPv4(b.AsSpan(12));
        }

        return !((b[0] == 0x20 && b[1] == 0x02) // 6to4, 2002::/16
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) // Teredo, 2001::/32
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation, 2001:db8::/32
            || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0)); // discard, 100::/64
    }

    private static bool IsPublicIPv4(ReadOnlySpan<byte> b) =>
        !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // shared address space (carrier-grade NAT)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) // IETF protocol assignments, documentation
            || (b[0] == 198 && b[1] is 18 or 19) // benchmarking
            || (b[0] == 198 && b[1] == 51 && b[2] == 100)
            || (b[0] == 203 && b[1] == 0 && b[2] == 113));

    /// <summary>The connection step of the webhook HTTP client: resolves, refuses forbidden addresses, connects.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsAllowedPort(context.DnsEndPoint.Port))
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Port {context.DnsEndPoint.Port} is not allowed.");
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        }
        catch (SocketException)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, Unreachable);
        }

        var allowed = addresses.Where(IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, Unreachable);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
