using System.Text.RegularExpressions;

namespace Coursera.Deploy.Tests.Manifests;

/// <summary>
/// What the manifests may point at outside themselves, read from the repository: the Secrets and keys deploy/k8s/README.md
/// documents (rows of its secrets table: <c>| `name` | `key` | ...</c>), the health paths the services map
/// (ServiceDefaultsExtensions), and the images deploy/k8s/images/services.tsv builds.
/// </summary>
internal sealed partial class ReferenceDocumentation
{
    public required IReadOnlySet<(string Name, string Key)> Secrets { get; init; }

    public required IReadOnlySet<string> ServedPaths { get; init; }

    public required IReadOnlySet<string> Images { get; init; }

    public static ReferenceDocumentation FromRepository() => new()
    {
        Secrets = SecretRow().Matches(File.ReadAllText(Repository.Path("deploy/k8s/README.md")))
            .Select(m => (m.Groups["name"].Value, m.Groups["key"].Value)).ToHashSet(),
        ServedPaths = MappedHealthPath().Matches(File.ReadAllText(Repository.Path("api/Coursera.ServiceDefaults/ServiceDefaultsExtensions.cs")))
            .Select(m => m.Groups["path"].Value).ToHashSet(),
        Images = BuiltImages().Select(i => i.Image).ToHashSet(),
    };

    /// <summary>The rows of services.tsv: image name, project file, assembly name.</summary>
    public static IReadOnlyList<(string Image, string Project, string Assembly)> BuiltImages() =>
        File.ReadAllLines(Repository.Path("deploy/k8s/images/services.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(columns => (columns[0], columns[1], columns[2]))
            .ToList();

    [GeneratedRegex(@"^\| `(?<name>[a-z0-9-]+)` \| `(?<key>[A-Za-z0-9._-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex SecretRow();

    [GeneratedRegex(@"MapHealthChecks\(""(?<path>/[^""]+)""")]
    private static partial Regex MappedHealthPath();
}
