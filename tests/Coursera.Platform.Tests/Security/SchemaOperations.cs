using System.Globalization;
using System.Text.Json;
using GraphQLParser;
using GraphQLParser.AST;

namespace Coursera.Platform.Tests.Security;

/// <summary>
/// The root fields of the public schema (the gateway's SDL) and, for each, the smallest operation that calls it: every
/// required argument filled from its type (a fixture value when one is known by the argument's name, a fresh UUID for
/// other ids, a minimal input object), selecting only <c>__typename</c> and what tells data from no data (a payload's
/// user errors, a connection's nodes).
/// </summary>
public sealed class SchemaOperations
{
    private readonly Dictionary<string, GraphQLObjectTypeDefinition> _objects = [];
    private readonly Dictionary<string, GraphQLInputObjectTypeDefinition> _inputs = [];
    private readonly Dictionary<string, string> _enumFirstValues = [];
    private readonly HashSet<string> _abstractTypes = [];

    public SchemaOperations(string sdl)
    {
        foreach (var definition in Parser.Parse(sdl).Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition o:
                    _objects[o.Name.StringValue] = o;
                    break;
                case GraphQLInputObjectTypeDefinition i:
                    _inputs[i.Name.StringValue] = i;
                    break;
                case GraphQLEnumTypeDefinition e:
                    _enumFirstValues[e.Name.StringValue] = e.Values!.Items[0].Name.StringValue;
                    break;
                case GraphQLInterfaceTypeDefinition or GraphQLUnionTypeDefinition:
                    _abstractTypes.Add(((INamedNode)definition).Name.StringValue);
                    break;
            }
        }
    }

    /// <summary>Every root field as <c>Query.name</c> or <c>Mutation.name</c>.</summary>
    public IReadOnlyList<string> RootFields() =>
        [.. new[] { "Query", "Mutation" }.Where(_objects.ContainsKey)
            .SelectMany(root => _objects[root].Fields!.Items.Select(f => $"{root}.{f.Name.StringValue}"))];

    /// <param name="coordinate"><c>Query.name</c> or <c>Mutation.name</c>.</param>
    /// <param name="values">Values by argument or input field name (an id of the field's tenant, say); others are generated.</param>
    public string Operation(string coordinate, IReadOnlyDictionary<string, string> values)
    {
        var (root, name) = (coordinate[..coordinate.IndexOf('.', StringComparison.Ordinal)], coordinate[(coordinate.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var field = _objects[root].Fields!.Items.Single(f => f.Name.StringValue == name);
        var arguments = field.Arguments?.Items
            .Select(a => Argument(a, values, depth: 0))
            .OfType<string>()
            .ToList() ?? [];
        var call = arguments.Count == 0 ? name : $"{name}({string.Join(", ", arguments)})";
        return $"{(root == "Mutation" ? "mutation" : "query")} {{ {call}{Selection(field.Type)} }}";
    }

    private string? Argument(GraphQLInputValueDefinition argument, IReadOnlyDictionary<string, string> values, int depth)
    {
        var name = argument.Name.StringValue;
        var known = values.ContainsKey(name);
        return argument.Type is GraphQLNonNullType || known ? $"{name}: {Value(name, argument.Type, values, depth)}" : null;
    }

    private string Value(string name, GraphQLType type, IReadOnlyDictionary<string, string> values, int depth)
    {
        switch (type)
        {
            case GraphQLNonNullType nonNull:
                return Value(name, nonNull.Type, values, depth);
            case GraphQLListType list:
                return $"[{Value(name, list.Type, values, depth)}]";
        }

        var typeName = ((GraphQLNamedType)type).Name.StringValue;
        if (values.TryGetValue(name, out var known))
        {
            return typeName is "Int" or "Float" or "Boolean" or "Long" || _enumFirstValues.ContainsKey(typeName) ? known : Quote(known);
        }

        if (_enumFirstValues.TryGetValue(typeName, out var first))
        {
            return first;
        }

        if (_inputs.TryGetValue(typeName, out var input))
        {
            if (depth > 4)
            {
                throw new InvalidOperationException($"Input {typeName} nests too deep to generate.");
            }

            var fields = input.Fields?.Items.Select(f => Argument(f, values, depth + 1)).OfType<string>() ?? [];
            return $"{{{string.Join(", ", fields)}}}";
        }

        return typeName switch
        {
            "ID" => Quote(Guid.CreateVersion7().ToString()),
            "Int" or "Long" => "1",
            "Float" => "1.0",
            "Boolean" => "false",
            "DateTime" => Quote(DateTimeOffset.UtcNow.AddDays(1).ToString("O", CultureInfo.InvariantCulture)),
            "String" => Quote($"matrix-{name}"),
            _ => throw new InvalidOperationException($"No value for scalar {typeName} ({name}): teach SchemaOperations one."),
        };
    }

    /// <summary>
    /// <c>__typename</c>, and what shows whether data came back: a payload's user errors and its other object fields'
    /// typenames, a connection's nodes.
    /// </summary>
    private string Selection(GraphQLType type)
    {
        var typeName = Named(type);
        if (_abstractTypes.Contains(typeName))
        {
            return " { __typename }";
        }

        if (!_objects.TryGetValue(typeName, out var objectType))
        {
            return "";
        }

        var parts = new List<string> { "__typename" };
        foreach (var field in objectType.Fields!.Items.Where(f => f.Arguments is null || f.Arguments.Items.All(a => a.Type is not GraphQLNonNullType)))
        {
            var fieldName = field.Name.StringValue;
            var fieldType = Named(field.Type);
            if (fieldName == "errors" && _objects.TryGetValue(fieldType, out var error) && error.Fields!.Items.Any(f => f.Name.StringValue == "code"))
            {
                parts.Add("errors { code }");
            }
            else if (fieldName is "nodes" or "edges" || typeName.EndsWith("Payload", StringComparison.Ordinal) && (_objects.ContainsKey(fieldType) || _abstractTypes.Contains(fieldType)))
            {
                parts.Add($"{fieldName} {{ __typename }}");
            }
        }

        return $" {{ {string.Join(" ", parts)} }}";
    }

    private static string Named(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => Named(n.Type),
        GraphQLListType l => Named(l.Type),
        GraphQLNamedType named => named.Name.StringValue,
        _ => throw new InvalidOperationException("Unknown type node."),
    };

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
