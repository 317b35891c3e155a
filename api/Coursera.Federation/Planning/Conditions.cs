using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace Coursera.Federation.Planning;

/// <summary><c>@skip</c> and <c>@include</c>, evaluated against the request's variables (defaults already applied).</summary>
internal static class Conditions
{
    public static bool IsIncluded(GraphQLDirectives? directives, JsonObject variables)
    {
        foreach (var directive in directives?.Items ?? [])
        {
            var name = directive.Name.StringValue;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var condition = directive.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "if")?.Value switch
            {
                GraphQLTrueBooleanValue => true,
                GraphQLFalseBooleanValue => false,
                GraphQLVariable v => variables[v.Name.StringValue] is JsonValue value && value.TryGetValue<bool>(out var b) && b,
                _ => false,
            };
            if ((name == "skip" && condition) || (name == "include" && !condition))
            {
                return false;
            }
        }

        return true;
    }
}
