using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

internal static class OperationSelector
{
    /// <summary>The named operation, or the only one when no name is given; null when ambiguous or missing.</summary>
    public static GraphQLOperationDefinition? Select(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }
}
