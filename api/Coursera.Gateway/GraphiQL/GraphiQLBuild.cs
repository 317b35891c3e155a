using System.Runtime.CompilerServices;

namespace Coursera.Gateway.GraphiQL;

/// <summary>
/// Where GraphiQL's build output (index.html, the bundle, its CSS and workers) is found. Looked up on every request, so
/// that running the build script while the gateway runs is enough; only Development pays for it.
/// </summary>
internal sealed class GraphiQLBuild(IReadOnlyList<string> candidates)
{
    public const string BuildScript = "api/Coursera.Gateway/GraphiQL/web/build.sh";

    public const string IndexFile = "index.html";

    public IReadOnlyList<string> Candidates { get; } = candidates;

    /// <summary>The first candidate that holds an index.html; null while GraphiQL has not been built.</summary>
    public string? Folder => Candidates.FirstOrDefault(folder => File.Exists(Path.Combine(folder, IndexFile)));

    public static GraphiQLBuild For(GraphiQLOptions options, string contentRoot)
    {
        if (options.Path is { Length: > 0 } configured)
        {
            return new([Path.GetFullPath(configured, contentRoot)]);
        }

        return new(
        [
            Path.Combine(contentRoot, "graphiql"),
            Path.Combine(AppContext.BaseDirectory, "graphiql"),
            SourceTreeOutput(),
        ]);
    }

    /// <summary>
    /// A developer's gateway runs from the repository it was built from (run.sh, dotnet run, the tests), where build.sh
    /// writes web/dist beside this file: the compiler records this file's path, so no setting is needed there.
    /// </summary>
    private static string SourceTreeOutput([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "web", "dist");
}
