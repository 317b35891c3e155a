using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Coursera.Subgraphs.Federation;

/// <summary>
/// Prints the schema a client sees: no <c>_entities</c>, <c>_service</c> or <c>_Any</c>, no <c>@link</c>,
/// <c>@key</c> or other federation directives, and nothing marked <c>@inaccessible</c>.
/// </summary>
public static class PublicSchemaPrinter
{
    private static readonly HashSet<string> FederationDirectives =
    [
        "link", "key", "external", "requires", "provides", "shareable", "inaccessible", "override", "tag",
        "composeDirective", "interfaceObject", "authenticated", "requiresScopes", "policy", "extends",
    ];

    public static string Print(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var sdl = schema.Print(new PrintOptions
        {
            IncludeDescriptions = true,
            IncludeDeprecationReasons = true,
            IncludeFederationTypes = false,
            IncludeImportedDefinitions = false,
        });
        return Strip(sdl);
    }

    /// <summary>Removes federation plumbing from any subgraph or supergraph SDL.</summary>
    public static string Strip(string sdl)
    {
        var document = GraphQLParser.Parser.Parse(sdl);
        document.Definitions.RemoveAll(d => d is GraphQLSchemaDefinition || IsInaccessible(d));
        foreach (var definition in document.Definitions)
        {
            StripDirectives(definition);
            switch (definition)
            {
                case GraphQLObjectTypeDefinition type:
                    StripFields(type.Fields);
                    break;
                case GraphQLInterfaceTypeDefinition type:
                    StripFields(type.Fields);
                    break;
                case GraphQLInputObjectTypeDefinition { Fields: { } fields }:
                    fields.Items.RemoveAll(IsInaccessible);
                    fields.Items.ForEach(StripDirectives);
                    break;
                case GraphQLEnumTypeDefinition { Values: { } values }:
                    values.Items.RemoveAll(IsInaccessible);
                    values.Items.ForEach(StripDirectives);
                    break;
            }
        }

        using var writer = new StringWriter();
        new SDLPrinter(new SDLPrinterOptions { PrintComments = false }).PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString().ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    private static void StripFields(GraphQLFieldsDefinition? fields)
    {
        if (fields is null)
        {
            return;
        }

        fields.Items.RemoveAll(IsInaccessible);
        foreach (var field in fields.Items)
        {
            StripDirectives(field);
            if (field.Arguments is { } arguments)
            {
                arguments.Items.RemoveAll(IsInaccessible);
                arguments.Items.ForEach(StripDirectives);
            }
        }
    }

    private static bool IsInaccessible(ASTNode node) =>
        node is IHasDirectivesNode { Directives: { } directives }
        && directives.Items.Any(d => d.Name.StringValue is "inaccessible" or "federation__inaccessible");

    private static void StripDirectives(ASTNode node)
    {
        if (node is IHasDirectivesNode { Directives: { } directives } owner)
        {
            directives.Items.RemoveAll(d => IsFederation(d.Name.StringValue));
            if (directives.Items.Count == 0)
            {
                owner.Directives = null;
            }
        }
    }

    private static bool IsFederation(string name) =>
        FederationDirectives.Contains(name) || name.StartsWith("federation__", StringComparison.Ordinal)
        || name.StartsWith("link__", StringComparison.Ordinal);
}
