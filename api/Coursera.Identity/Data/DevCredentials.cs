using System.Text.Json;
using System.Text.Json.Serialization;
using Coursera.Identity.Keys;

namespace Coursera.Identity.Data;

/// <summary>
/// What <c>./run.sh</c> writes to <c>.data/dev-credentials.json</c> on first run: the generated secrets and passwords
/// of the sample users and clients, never committed, so a developer can get a token at once.
/// </summary>
public sealed record DevCredentials(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("clients")] IReadOnlyList<DevCredentials.Client> Clients,
    [property: JsonPropertyName("publicClients")] IReadOnlyList<DevCredentials.PublicClient> PublicClients,
    [property: JsonPropertyName("users")] IReadOnlyList<DevCredentials.User> Users)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes the file readable by its owner only, from its creation on (a folder it makes is owner-only too).</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await PrivateFiles.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Indented), cancellationToken);
    }

    public sealed record Client(
        [property: JsonPropertyName("clientId")] string ClientId,
        [property: JsonPropertyName("clientSecret")] string ClientSecret,
        [property: JsonPropertyName("tenantType")] string TenantType,
        [property: JsonPropertyName("tenantSlug")] string TenantSlug,
        [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes);

    public sealed record PublicClient(
        [property: JsonPropertyName("clientId")] string ClientId,
        [property: JsonPropertyName("redirectUri")] string RedirectUri);

    public sealed record User(
        [property: JsonPropertyName("email")] string Email,
        [property: JsonPropertyName("password")] string Password,
        [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
        [property: JsonPropertyName("tenantType")] string TenantType,
        [property: JsonPropertyName("tenantSlug")] string TenantSlug);
}
