using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Coursera.Federation.BenchmarkFederation;

/// <summary>
/// Makes <c>_service { sdl }</c> say what the benchmark's SDL files say. GraphQL.NET prints every type as a definition
/// (<c>type Product @key(fields: "upc") { upc: String! @external }</c>) and, for Federation 2, includes its own
/// plumbing (<c>_service</c>, <c>_entities</c>, <c>_Any</c>, <c>_Entity</c>, <c>_Service</c>). Under Federation 2 rules
/// an <c>@external</c> key field is only a Fed1-style "fake" external when its type is an extension
/// (<c>extend type</c>); on a plain <c>type</c> it is really external, so reviews could not supply <c>upc</c> for
/// <c>Review.product</c>. So the printed SDL is rewritten: types marked with <see cref="AsExtension{T}"/> print as
/// <c>extend type</c>, the federation plumbing is dropped (a Query left empty disappears, as in inventory.graphql and
/// reviews.graphql), and the schema definition becomes <c>extend schema @link(…)</c>.
/// </summary>
public static class SubgraphSdl
{
    private const string ExtensionMetadata = "Coursera.Federation.BenchmarkFederation.Extension";

    private static readonly HashSet<string> PlumbingTypes = new(StringComparer.Ordinal) { "_Any", "_Entity", "_Service" };

    private static readonly HashSet<string> PlumbingQueryFields = new(StringComparer.Ordinal) { "_service", "_entities" };

    /// <summary>Prints this object type as <c>extend type</c> in <c>_service { sdl }</c>, as its SDL file declares it.</summary>
    public static T AsExtension<T>(this T type)
        where T : IObjectGraphType
    {
        ArgumentNullException.ThrowIfNull(type);
        type.Metadata[ExtensionMetadata] = true;
        return type;
    }

    /// <summary>Rewrites GraphQL.NET's Federation 2 SDL as described on <see cref="SubgraphSdl"/>.</summary>
    public static string Rewrite(string sdl, Func<string, bool> isExtension)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        ArgumentNullException.ThrowIfNull(isExtension);
        var document = Parser.Parse(sdl);
        var queryName = document.Definitions.OfType<GraphQLSchemaDefinition>()
            .SelectMany(s => s.OperationTypes)
            .FirstOrDefault(o => o.Operation == OperationType.Query)?.Type?.Name.StringValue ?? "Query";
        var queryRemoved = false;
        var definitions = new List<ASTNode>(document.Definitions.Count);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLTypeDefinition type when PlumbingTypes.Contains(type.Name.StringValue):
                    break;
                case GraphQLObjectTypeDefinition type:
                    var name = type.Name.StringValue;
                    if (name == queryName && type.Fields is { } fields)
                    {
                        fields.Items.RemoveAll(f => PlumbingQueryFields.Contains(f.Name.StringValue));
                        if (fields.Items.Count == 0)
                        {
                            queryRemoved = true;
                            break;
                        }
                    }

                    definitions.Add(isExtension(name)
                        ? new GraphQLObjectTypeExtension(type.Name) { Interfaces = type.Interfaces, Directives = type.Directives, Fields = type.Fields }
                        : type);
                    break;
                case GraphQLSchemaDefinition schema:
                    var operations = schema.OperationTypes
                        .Where(o => !(queryRemoved && o.Operation == OperationType.Query))
                        .ToList();
                    // Default root names need no schema definition; the @link directives stay, as "extend schema".
                    if (operations.All(o => o.Type?.Name.StringValue == DefaultRootName(o.Operation)))
                    {
                        definitions.Add(new GraphQLSchemaExtension { Directives = schema.Directives });
                    }
                    else
                    {
                        schema.OperationTypes = operations;
                        definitions.Add(schema);
                    }

                    break;
                default:
                    definitions.Add(definition);
                    break;
            }
        }

        // The schema definition precedes Query in the printed SDL, so a removed Query is known only now.
        if (queryRemoved)
        {
            foreach (var schema in definitions.OfType<GraphQLSchemaDefinition>())
            {
                schema.OperationTypes.RemoveAll(o => o.Operation == OperationType.Query);
            }
        }

        return new SDLPrinter().Print(new GraphQLDocument(definitions));
    }

    private static string DefaultRootName(OperationType operation) => operation switch
    {
        OperationType.Query => "Query",
        OperationType.Mutation => "Mutation",
        _ => "Subscription",
    };

    /// <summary>Wraps the resolver of <c>_Service.sdl</c> so that it returns the rewritten SDL.</summary>
    internal sealed class Visitor : BaseSchemaNodeVisitor
    {
        public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
        {
            ArgumentNullException.ThrowIfNull(field);
            ArgumentNullException.ThrowIfNull(type);
            if (type.Name != "_Service" || field.Name != "sdl" || field.Resolver is not { } printer)
            {
                return;
            }

            field.Resolver = new FuncFieldResolver<string>(async context =>
            {
                var sdl = (string?)await printer.ResolveAsync(context).ConfigureAwait(false) ?? "";
                return Rewrite(sdl, name => context.Schema.AllTypes[name]?.GetMetadata(ExtensionMetadata, false) == true);
            });
        }
    }
}
