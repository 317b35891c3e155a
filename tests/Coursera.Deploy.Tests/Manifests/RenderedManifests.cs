using k8s;

namespace Coursera.Deploy.Tests.Manifests;

/// <summary>
/// A kustomization rendered by kubectl's kustomize (deploy/k8s/render.sh) and read strictly into the Kubernetes API's
/// typed models: an unknown kind or apiVersion, or a field the API does not have, is a problem of its own.
/// </summary>
internal sealed class RenderedManifests
{
    private RenderedManifests(string yaml, IReadOnlyList<object> objects, IReadOnlyList<string> problems)
    {
        Yaml = yaml;
        Objects = objects;
        Problems = problems;
    }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    /// <summary>Documents that the typed models refused, with the reason.</summary>
    public IReadOnlyList<string> Problems { get; }

    public static async Task<RenderedManifests> RenderAsync(string kustomization)
    {
        var (exitCode, yaml, errors) = await Repository.RunAsync("deploy/k8s/render.sh", Repository.Path(kustomization));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"kustomize could not render {kustomization}: {errors}");
        }

        return Read(yaml);
    }

    public static RenderedManifests Read(string yaml)
    {
        var objects = new List<object>();
        var problems = new List<string>();
        foreach (var document in Documents(yaml))
        {
            try
            {
                objects.Add(KubernetesYaml.LoadAllFromString(document, typeMap: null, strict: true).Single());
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or KeyNotFoundException)
            {
                problems.Add($"{Describe(document)}: {e.Message}");
            }
        }

        return new RenderedManifests(yaml, objects, problems);
    }

    private static IEnumerable<string> Documents(string yaml) =>
        yaml.Split("\n---\n").Where(d => d.Trim().Length > 0 && d.Trim() != "---");

    /// <summary>Kind and name read loosely, to say which document a strict read refused.</summary>
    private static string Describe(string document)
    {
        var lines = document.Split('\n');
        var kind = lines.FirstOrDefault(l => l.StartsWith("kind:", StringComparison.Ordinal))?[5..].Trim();
        var name = lines.SkipWhile(l => !l.StartsWith("metadata:", StringComparison.Ordinal))
            .FirstOrDefault(l => l.StartsWith("  name:", StringComparison.Ordinal))?[7..].Trim();
        return $"{kind}/{name}";
    }
}
