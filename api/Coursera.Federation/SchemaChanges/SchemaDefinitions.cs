using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Coursera.Federation.SchemaChanges;

/// <summary>One version of a schema, read from SDL: its types and directives by name, and its root operation types.</summary>
internal sealed class SchemaDefinitions
{
    private SchemaDefinitions(Dictionary<string, GraphQLTypeDefinition> types, Dictionary<string, GraphQLDirectiveDefinition> directives,
        Dictionary<OperationType, string> roots)
    {
        Types = types;
        Directives = directives;
        Roots = roots;
    }

    public IReadOnlyDictionary<string, GraphQLTypeDefinition> Types { get; }

    public IReadOnlyDictionary<string, GraphQLDirectiveDefinition> Directives { get; }

    public IReadOnlyDictionary<OperationType, string> Roots { get; }

    /// <exception cref="ArgumentException">The SDL does not parse; <paramref name="which"/> says which version it was.</exception>
    public static SchemaDefinitions Parse(string sdl, string which)
    {
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(sdl);
        }
        catch (GraphQLSyntaxErrorException e)
        {
            throw new ArgumentException($"The {which} schema is not valid SDL: {e.Message}", nameof(sdl), e);
        }

        var types = new Dictionary<string, GraphQLTypeDefinition>(StringComparer.Ordinal);
        var directives = new Dictionary<string, GraphQLDirectiveDefinition>(StringComparer.Ordinal);
        GraphQLSchemaDefinition? schema = null;
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLDirectiveDefinition directive:
                    directives[directive.Name.StringValue] = directive;
                    break;
                case GraphQLTypeDefinition type and not GraphQLEnumValueDefinition and not GraphQLFieldDefinition and not GraphQLInputValueDefinition:
                    types[type.Name.StringValue] = type;
                    break;
                case GraphQLSchemaDefinition definedSchema:
                    schema = definedSchema;
                    break;
                default:
                    // Extensions do not occur in a printed public schema, which is what this compares.
                    break;
            }
        }

        // Without a schema definition the roots are the types named Query, Mutation and Subscription (GraphQL spec 3.3.1).
        var roots = schema is not null
            ? schema.OperationTypes.ToDictionary(o => o.Operation, o => o.Type!.Name.StringValue)
            : new[] { (OperationType.Query, "Query"), (OperationType.Mutation, "Mutation"), (OperationType.Subscription, "Subscription") }
                .Where(r => types.ContainsKey(r.Item2)).ToDictionary(r => r.Item1, r => r.Item2);
        return new SchemaDefinitions(types, directives, roots);
    }
}
