using System.Security.Cryptography;
using System.Text;

namespace Coursera.Billing.Model;

/// <summary>Ids derived from a name (version 8 UUIDs from SHA-256): the same name gives the same id, so a retried change publishes the same entitlement.</summary>
public static class NameBasedIds
{
    public static Guid Of(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
