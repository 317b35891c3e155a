using System.Text;
using System.Text.Json;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Coursera.Federation.Composition;

/// <summary>Prints the public schema and the <c>@join__*</c> supergraph SDL of a composed supergraph.</summary>
internal static class SupergraphPrinter
{
    private static readonly SDLPrinter NodePrinter = new(new SDLPrinterOptions { PrintComments = false, PrintDescriptions = false });

    public static string PrintPublic(Supergraph supergraph)
    {
        var sdl = new StringBuilder();
        foreach (var type in Ordered(supergraph).Where(t => !t.Inaccessible))
        {
            PrintType(sdl, type, join: null);
        }

        return sdl.ToString().TrimEnd() + "\n";
    }

    public static string PrintSupergraph(Supergraph supergraph)
    {
        var graphs = supergraph.Subgraphs.ToDictionary(s => s.Name, s => GraphEnumValue(s.Name));
        var sdl = new StringBuilder();
        sdl.Append("schema @link(url: \"https://specs.apollo.dev/link/v1.0\") @link(url: \"https://specs.apollo.dev/join/v0.3\", for: EXECUTION) {\n");
        sdl.Append("  query: Query\n");
        if (supergraph.MutationType is not null)
        {
            sdl.Append("  mutation: Mutation\n");
        }

        if (supergraph.SubscriptionType is not null)
        {
            sdl.Append("  subscription: Subscription\n");
        }

        sdl.Append("}\n\n").Append(JoinDefinitions).Append('\n');
        sdl.Append("enum join__Graph {\n");
        foreach (var subgraph in supergraph.Subgraphs.OrderBy(s => graphs[s.Name], StringComparer.Ordinal))
        {
            sdl.Append($"  {graphs[subgraph.Name]} @join__graph(name: {Quote(subgraph.Name)}, url: {Quote(subgraph.Url)})\n");
        }

        sdl.Append("}\n\n");
        foreach (var type in Ordered(supergraph))
        {
            PrintType(sdl, type, graphs);
        }

        return sdl.ToString().TrimEnd() + "\n";
    }

    private static IEnumerable<SupergraphType> Ordered(Supergraph supergraph)
    {
        string?[] roots = [supergraph.QueryType, supergraph.MutationType, supergraph.SubscriptionType];
        return roots.Where(r => r is not null).Select(r => supergraph.Types[r!])
            .Concat(supergraph.Types.Values.Where(t => !roots.Contains(t.Name)));
    }

    private static void PrintType(StringBuilder sdl, SupergraphType type, Dictionary<string, string>? join)
    {
        Description(sdl, type.Description, "");
        var keyword = type.Kind switch
        {
            TypeKind.Object => "type",
            TypeKind.Interface => "interface",
            TypeKind.Union => "union",
            TypeKind.Enum => "enum",
            TypeKind.InputObject => "input",
            _ => "scalar",
        };
        sdl.Append(keyword).Append(' ').Append(type.Name);
        if (type.Interfaces.Count > 0)
        {
            sdl.Append(" implements ").Append(string.Join(" & ", type.Interfaces));
        }

        if (join is not null)
        {
            foreach (var source in type.Sources.Values)
            {
                var keys = source.Keys.Count == 0 ? [null] : source.Keys.Cast<KeyDefinition?>();
                foreach (var key in keys)
                {
                    sdl.Append($" @join__type(graph: {join[source.Subgraph]}");
                    if (key is not null)
                    {
                        sdl.Append($", key: {Quote(key.Fields.Text)}");
                        if (!key.Resolvable)
                        {
                            sdl.Append(", resolvable: false");
                        }
                    }

                    if (source.IsExtension)
                    {
                        sdl.Append(", extension: true");
                    }

                    sdl.Append(')');
                }

                foreach (var implemented in source.Interfaces)
                {
                    sdl.Append($" @join__implements(graph: {join[source.Subgraph]}, interface: {Quote(implemented)})");
                }

                foreach (var member in source.UnionMembers)
                {
                    sdl.Append($" @join__unionMember(graph: {join[source.Subgraph]}, member: {Quote(member)})");
                }
            }

            if (type.Inaccessible)
            {
                sdl.Append(" @inaccessible");
            }
        }

        switch (type.Kind)
        {
            case TypeKind.Object or TypeKind.Interface:
                sdl.Append(" {\n");
                foreach (var field in type.FieldList.Where(f => join is not null || !f.Inaccessible))
                {
                    PrintField(sdl, type, field, join);
                }

                sdl.Append("}\n\n");
                break;
            case TypeKind.Union:
                sdl.Append(" = ").Append(string.Join(" | ", type.UnionMembers)).Append("\n\n");
                break;
            case TypeKind.Enum:
                sdl.Append(" {\n");
                foreach (var value in type.EnumValues)
                {
                    Description(sdl, value.Description?.Value.ToString(), "  ");
                    sdl.Append("  ").Append(value.EnumValue.Name.StringValue).Append(DeprecatedOf(value.Directives)).Append('\n');
                }

                sdl.Append("}\n\n");
                break;
            case TypeKind.InputObject:
                sdl.Append(" {\n");
                foreach (var field in type.InputFields)
                {
                    Description(sdl, field.Description?.Value.ToString(), "  ");
                    sdl.Append("  ").Append(InputValue(field)).Append('\n');
                }

                sdl.Append("}\n\n");
                break;
            default:
                sdl.Append("\n\n");
                break;
        }
    }

    private static void PrintField(StringBuilder sdl, SupergraphType type, SupergraphField field, Dictionary<string, string>? join)
    {
        Description(sdl, field.Description, "  ");
        sdl.Append("  ").Append(field.Name);
        if (field.Arguments is { Items.Count: > 0 } arguments)
        {
            sdl.Append('(').Append(string.Join(", ", arguments.Items.Select(InputValue))).Append(')');
        }

        sdl.Append(": ").Append(field.Type.Print());
        if (field.Deprecated is not null)
        {
            sdl.Append(' ').Append(NodePrinter.Print(field.Deprecated));
        }

        if (join is not null)
        {
            // Like the reference composition: a field every subgraph of its type resolves plainly needs no @join__field.
            var plain = field.Sources.Count == type.Sources.Count && field.Sources.Values.All(s =>
                !s.External && s.Requires is null && s.Provides is null && s.OverrideFrom is null && !s.OverriddenAway
                && s.Type.Print() == field.Type.Print());
            if (!plain)
            {
                foreach (var source in field.Sources.Values.Where(s => !s.OverriddenAway))
                {
                    sdl.Append($" @join__field(graph: {join[source.Subgraph]}");
                    if (source.Requires is { } requires)
                    {
                        sdl.Append($", requires: {Quote(requires.Text)}");
                    }

                    if (source.Provides is { } provides)
                    {
                        sdl.Append($", provides: {Quote(provides.Text)}");
                    }

                    if (source.Type.Print() != field.Type.Print())
                    {
                        sdl.Append($", type: {Quote(source.Type.Print())}");
                    }

                    if (source.External)
                    {
                        sdl.Append(", external: true");
                    }

                    if (source.OverrideFrom is { } from)
                    {
                        sdl.Append($", override: {Quote(from)}");
                    }

                    sdl.Append(')');
                }
            }

            if (field.Inaccessible)
            {
                sdl.Append(" @inaccessible");
            }
        }

        sdl.Append('\n');
    }

    private static string InputValue(GraphQLInputValueDefinition value)
    {
        var text = $"{value.Name.StringValue}: {value.Type.Print()}";
        if (value.DefaultValue is not null)
        {
            text += " = " + NodePrinter.Print(value.DefaultValue);
        }

        return text + DeprecatedOf(value.Directives);
    }

    private static string DeprecatedOf(GraphQLDirectives? directives) =>
        directives?.Items.FirstOrDefault(d => d.Name.StringValue == "deprecated") is { } deprecated ? " " + NodePrinter.Print(deprecated) : string.Empty;

    private static void Description(StringBuilder sdl, string? description, string indent)
    {
        if (!string.IsNullOrEmpty(description))
        {
            sdl.Append(indent).Append(Quote(description)).Append('\n');
        }
    }

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A GraphQL string literal; its escapes are JSON's, without escaping quotes or backticks needlessly.</summary>
    private static string Quote(string value) => JsonSerializer.Serialize(value, Relaxed);

    private static string GraphEnumValue(string name) =>
        new([.. name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    private const string JoinDefinitions = """
        directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

        directive @join__graph(name: String!, url: String!) on ENUM_VALUE

        directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

        directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE

        directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR

        directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION

        scalar join__FieldSet

        directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

        scalar link__Import

        enum link__Purpose {
          SECURITY
          EXECUTION
        }

        """;
}
