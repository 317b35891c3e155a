using System.Security.Cryptography;
using System.Text;
using Coursera.Subgraphs.Errors;
using GraphQL;

namespace Coursera.Gateway.Persisted;

/// <summary>
/// The persisted-query extension of a request (Apollo's APQ protocol):
/// <c>"extensions": { "persistedQuery": { "version": 1, "sha256Hash": "…" } }</c>. The hash is the lower-case hex SHA-256
/// of the document's exact UTF-8 text.
/// </summary>
internal sealed record PersistedQuery(string Sha256Hash)
{
    public const string ExtensionName = "persistedQuery";

    /// <summary>The extension when the request has one: (null, null) when it has none, (null, error) when it is malformed.</summary>
    public static (PersistedQuery? Query, GatewayError? Error) Read(Inputs? extensions)
    {
        if (extensions is null || !extensions.TryGetValue(ExtensionName, out var value) || value is null)
        {
            return (null, null);
        }

        if (value is not IDictionary<string, object?> extension)
        {
            return (null, Malformed("extensions.persistedQuery must be an object with version and sha256Hash."));
        }

        if (!extension.TryGetValue("version", out var version) || version is not (int or long) || Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            return (null, Malformed("Unsupported persisted query version: extensions.persistedQuery.version must be 1."));
        }

        if (!extension.TryGetValue("sha256Hash", out var hash) || hash is not string { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
        {
            return (null, Malformed("extensions.persistedQuery.sha256Hash must be the 64 hex digits of the document's SHA-256."));
        }

        return (new PersistedQuery(hex.ToLowerInvariant()), null);
    }

    public static string Hash(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    public bool Matches(string document) => Hash(document) == Sha256Hash;

    private static GatewayError Malformed(string message) => new(ErrorCodes.BadRequest, message);
}
