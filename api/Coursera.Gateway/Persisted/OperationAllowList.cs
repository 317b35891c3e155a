using System.Collections.Frozen;
using System.Text.Json;

namespace Coursera.Gateway.Persisted;

/// <summary>
/// The operations that may run in <see cref="PersistedOperationsMode.AllowList"/> mode, sha256 to document, from
/// <see cref="PersistedOperationsOptions.File"/> and <see cref="PersistedOperationsOptions.Operations"/>. Every entry's hash
/// is checked against its document at start-up: a wrong entry fails the start, not a client's request later.
/// </summary>
internal sealed class OperationAllowList
{
    private const string ApolloManifestFormat = "apollo-persisted-query-manifest";

    private readonly FrozenDictionary<string, string> _documents;

    public OperationAllowList(PersistedOperationsOptions options, string contentRoot)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.File))
        {
            var path = Path.IsPathRooted(options.File) ? options.File : Path.Combine(contentRoot, options.File);
            foreach (var (hash, document) in ReadFile(path))
            {
                Add(documents, hash, document, path);
            }
        }

        foreach (var (hash, document) in options.Operations)
        {
            Add(documents, hash, document, $"{GatewayOptions.Section}:PersistedOperations:Operations");
        }

        if (documents.Count == 0)
        {
            throw new InvalidOperationException(
                $"{GatewayOptions.Section}:PersistedOperations:Mode is AllowList but no operation is listed: set {GatewayOptions.Section}:PersistedOperations:File or :Operations.");
        }

        _documents = documents.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _documents.Count;

    public bool TryGet(string sha256Hash, out string? document) => _documents.TryGetValue(sha256Hash, out document);

    public bool Contains(string sha256Hash) => _documents.ContainsKey(sha256Hash);

    private static void Add(Dictionary<string, string> documents, string hash, string document, string source)
    {
        var expected = PersistedQuery.Hash(document);
        if (!string.Equals(hash, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{source}: the entry {hash} is not the SHA-256 of its document (that is {expected}).");
        }

        documents[expected] = document;
    }

    /// <summary>An Apollo persisted-query manifest, or a plain JSON map of hash to document (Relay's and others' output).</summary>
    private static List<(string Hash, string Document)> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The allow-list file {path} does not exist.");
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{path}: expected a JSON object (an Apollo manifest or a map of sha256 to document).");
        }

        var entries = new List<(string Hash, string Document)>();
        if (root.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == ApolloManifestFormat)
        {
            foreach (var operation in root.GetProperty("operations").EnumerateArray())
            {
                entries.Add((Text(operation, "id", path), Text(operation, "body", path)));
            }

            return entries;
        }

        foreach (var entry in root.EnumerateObject())
        {
            entries.Add((entry.Name, entry.Value.ValueKind == JsonValueKind.String
                ? entry.Value.GetString()!
                : throw new InvalidOperationException($"{path}: the entry {entry.Name} must map to the document's text.")));
        }

        return entries;
    }

    private static string Text(JsonElement operation, string property, string path) =>
        operation.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidOperationException($"{path}: every operation of the manifest needs a string '{property}'.");
}
