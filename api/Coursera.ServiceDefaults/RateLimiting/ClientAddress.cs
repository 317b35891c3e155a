using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>The address a request is counted by, as the forwarded-headers middleware left it (the proxy's client when the proxy is known).</summary>
public static class ClientAddress
{
    /// <summary>The client's IPv4 address, or its IPv6 /64 (one subscriber usually holds a whole /64); <c>none</c> for in-process calls.</summary>
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "none"; // the test host's in-process calls have no connection
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
