namespace Coursera.Federation.BenchmarkFederation;

/// <summary>The files of the benchmark workload (/work/shared/federation-benchmark), embedded in this assembly.</summary>
public static class BenchmarkFiles
{
    /// <summary>The data behind the subgraphs, with the quirks noted in it.</summary>
    public const string Data = "data.json";

    /// <summary>The benchmark operation, <c>TestQuery</c>.</summary>
    public const string Query = "query.graphql";

    /// <summary>The exact response <see cref="Query"/> must produce through a correct gateway.</summary>
    public const string ExpectedResponse = "expected-response.json";

    /// <summary>The Guild's composition of the four subgraphs, a reference for the <c>@join__*</c> format.</summary>
    public const string Supergraph = "supergraph.graphql";

    /// <summary>The file name of a subgraph's SDL, e.g. <c>inventory.graphql</c>.</summary>
    public static string SubgraphSdl(string subgraph) => subgraph + ".graphql";

    /// <summary>The text of one of the files, e.g. <c>Read(BenchmarkFiles.Query)</c>.</summary>
    public static string Read(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return reader.ReadToEnd();
    }

    /// <summary>Opens one of the files for reading; the caller disposes of the stream.</summary>
    public static Stream Open(string fileName) =>
        typeof(BenchmarkFiles).Assembly.GetManifestResourceStream("Coursera.Federation.BenchmarkFederation." + fileName)
        ?? throw new FileNotFoundException($"{fileName} is not one of the embedded benchmark files.", fileName);
}
