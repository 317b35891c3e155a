using Coursera.Gateway.GraphiQL;
using Microsoft.Extensions.Hosting;

namespace Coursera.Gateway.Tests;

/// <summary>
/// Gateways for the GraphiQL tests. The fake build stands in for what build.sh writes (index.html with the settings
/// marker, the bundle, its CSS), so that the serving rules are tested without Node.js.
/// </summary>
public abstract class GraphiQLFederation : BenchmarkFederationOverHttp, IDisposable
{
    public const string Bundle = "export const graphiql = true;";

    public string BuildFolder { get; } = Directory.CreateTempSubdirectory("coursera-graphiql-").FullName;

    protected GraphiQLFederation()
    {
        File.WriteAllText(Path.Combine(BuildFolder, "index.html"),
            """
            <!doctype html>
            <html><head><link rel="stylesheet" href="/graphiql/graphiql.css" /><!-- graphiql-settings --><script type="module" src="/graphiql/graphiql.js"></script></head>
            <body><div id="graphiql"></div></body></html>
            """);
        File.WriteAllText(Path.Combine(BuildFolder, "graphiql.js"), Bundle);
        File.WriteAllText(Path.Combine(BuildFolder, "graphiql.css"), "#graphiql { height: 100%; }");
    }

    protected override void Configure(IDictionary<string, string?> settings) => settings[$"{GraphiQLOptions.Section}:Path"] = BuildFolder;

    public void Dispose()
    {
        Directory.Delete(BuildFolder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class DevelopmentGraphiQLFederation : GraphiQLFederation
{
    protected override string Environment => Environments.Development;
}

/// <summary>Built and configured, but in Production: the environment alone keeps GraphiQL off.</summary>
public sealed class ProductionGraphiQLFederation : GraphiQLFederation;

/// <summary>Development, with the GraphiQL setting turning it off.</summary>
public sealed class DisabledGraphiQLFederation : GraphiQLFederation
{
    protected override string Environment => Environments.Development;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings[$"{GraphiQLOptions.Section}:Enabled"] = "false";
    }
}

/// <summary>Development before build.sh has run: the configured folder has no build in it.</summary>
public sealed class UnbuiltGraphiQLFederation : BenchmarkFederationOverHttp
{
    public static string MissingFolder { get; } = Path.Combine(Path.GetTempPath(), "coursera-graphiql-never-built");

    protected override string Environment => Environments.Development;

    protected override void Configure(IDictionary<string, string?> settings) => settings[$"{GraphiQLOptions.Section}:Path"] = MissingFolder;
}
