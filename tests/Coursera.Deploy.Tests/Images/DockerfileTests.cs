using System.Text.RegularExpressions;
using System.Xml.Linq;
using Coursera.Deploy.Tests.Manifests;

namespace Coursera.Deploy.Tests.Images;

/// <summary>
/// No container engine runs here, so the image recipe is checked by what can go wrong without building it: a COPY of a
/// path that is not in the build context (the repository root), a service row naming a project that is not there, or
/// an image that would start an assembly its project does not build.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Repository.Path("deploy/k8s/images/Dockerfile"));

    [Fact]
    public void Every_path_the_dockerfile_copies_from_the_context_exists()
    {
        var sources = ContextCopy().Matches(Dockerfile).SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(Path.Exists(Repository.Path(source)), $"COPY {source}: not in the repository"));
    }

    [Fact]
    public void Every_image_starts_the_assembly_its_project_builds()
    {
        var images = ReferenceDocumentation.BuiltImages();

        Assert.Equal(9, images.Count);
        Assert.All(images, image =>
        {
            var project = Repository.Path(image.Project);
            Assert.True(File.Exists(project), $"{image.Image}: no project {image.Project}");
            var assembly = XDocument.Load(project).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(project);
            Assert.Equal(assembly, image.Assembly);
        });
        Assert.Contains("exec dotnet \\\"/app/${SERVICE_ASSEMBLY}.dll\\\"", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENV SERVICE_ASSEMBLY=${ASSEMBLY}", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_runs_as_an_unprivileged_user()
    {
        var runtime = Dockerfile[Dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];

        Assert.Matches(@"\nUSER \$APP_UID\n", runtime);
    }

    /// <summary>COPY lines that take from the build context (not --from another stage): their sources, the last word being the destination.</summary>
    [GeneratedRegex(@"^COPY (?!--from)(?<sources>(?:\S+ )+)\S+$", RegexOptions.Multiline)]
    private static partial Regex ContextCopy();
}
