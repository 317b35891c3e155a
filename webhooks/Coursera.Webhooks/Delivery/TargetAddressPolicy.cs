using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Coursera.Webhooks.Delivery;

/// <summary>
/// Keeps webhooks from being aimed inside our network (SSRF): loopback, private, link-local, unique-local,
/// multicast and unspecified addresses are refused, when the endpoint is registered (a literal address) and again
/// at every connection, after DNS resolution, since a name can resolve anywhere by then.
/// </summary>
public sealed class TargetAddressPolicy(IOptions<WebhooksOptions> options, IHostEnvironment environment)
{
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

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsAllowed(address)
            ? "The URL points at a private, loopback or link-local address."
            : null;
    }

    public bool IsAllowed(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_options.AllowPrivateTargets)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return true;
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
    }

    /// <summary>The connection step of the webhook HTTP client: resolves, refuses forbidden addresses, connects.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to addresses webhooks may not reach.");
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
