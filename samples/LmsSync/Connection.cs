using System.Text.Json.Nodes;

namespace LmsSync;

/// <summary>
/// Where the platform is and which API client the LMS acts as: options, else environment variables, else (for the
/// secret) the development credentials <c>./run.sh</c> writes, so the sample runs as the seeded organization's client.
/// </summary>
public sealed record Connection(Uri BaseUrl, string ClientId, string ClientSecret)
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public const string DefaultClientId = "org-acme-corp";
    public const string DefaultCredentialsPath = ".data/dev-credentials.json";

    /// <exception cref="UsageException">No secret is given and the credentials file has none for the client.</exception>
    public static Connection From(Arguments arguments)
    {
        var url = arguments.Get("url", "COURSERA_URL") ?? DefaultUrl;
        var clientId = arguments.Get("client-id", "COURSERA_CLIENT_ID") ?? DefaultClientId;
        var secret = arguments.Get("client-secret", "COURSERA_CLIENT_SECRET")
            ?? SecretFromCredentials(arguments.Get("credentials") ?? DefaultCredentialsPath, clientId);
        return new Connection(new Uri(url), clientId, secret);
    }

    private static string SecretFromCredentials(string path, string clientId)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"No --client-secret or COURSERA_CLIENT_SECRET, and no {path} (./run.sh writes it on first run).");
        }

        var clients = JsonNode.Parse(File.ReadAllText(path))?["clients"]?.AsArray() ?? [];
        return clients.FirstOrDefault(c => (string?)c?["clientId"] == clientId)?["clientSecret"]?.GetValue<string>()
            ?? throw new UsageException($"{path} has no client {clientId}.");
    }
}

/// <summary>The command line cannot work; the message says why.</summary>
public sealed class UsageException(string message) : Exception(message);
