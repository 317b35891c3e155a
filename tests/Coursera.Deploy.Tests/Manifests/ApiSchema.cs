namespace Coursera.Deploy.Tests.Manifests;

/// <summary>
/// The Kubernetes API's OpenAPI schemas, as kubernetes-models compiles them (deploy/k8s/schema/validate.sh): required
/// fields, types, enums and formats, which the typed models do not enforce.
/// </summary>
internal static class ApiSchema
{
    /// <summary>One line per problem; none when every object is valid.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(string yaml)
    {
        var (exitCode, output, errors) = await Repository.RunAsync("deploy/k8s/schema/validate.sh", input: yaml);
        var problems = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (exitCode != 0 && problems.Length == 0)
        {
            throw new InvalidOperationException($"The schema check did not run (exit {exitCode}): {errors}");
        }

        return problems;
    }
}
