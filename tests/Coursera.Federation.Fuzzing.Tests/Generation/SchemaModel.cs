using GraphQLParser;
using GraphQLParser.AST;

namespace Coursera.Federation.Fuzzing.Generation;

public enum TypeKind
{
    Scalar,
    Object,
    Interface,
    Union,
    Enum,
    InputObject,
}

/// <summary>A type reference: a named type, or a list of one, each possibly non-null.</summary>
public sealed record TypeRef(string? Name, TypeRef? OfType, bool NonNull)
{
    public bool IsList => OfType is not null;

    public string NamedType => Name ?? OfType!.NamedType;

    public TypeRef Nullable() => this with { NonNull = false };

    public override string ToString() => (IsList ? $"[{OfType}]" : Name!) + (NonNull ? "!" : "");

    public static TypeRef From(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => From(nonNull.Type) with { NonNull = true },
        GraphQLListType list => new TypeRef(null, From(list.Type), false),
        GraphQLNamedType named => new TypeRef(named.Name.StringValue, null, false),
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };
}

public sealed record ArgumentDefinition(string Name, TypeRef Type, bool HasDefault)
{
    public bool Required => Type.NonNull && !HasDefault;
}

public sealed record FieldDefinition(string Name, TypeRef Type, IReadOnlyList<ArgumentDefinition> Arguments);

public sealed class TypeDefinition(string name, TypeKind kind)
{
    public string Name { get; } = name;

    public TypeKind Kind { get; } = kind;

    public List<FieldDefinition> Fields { get; } = [];

    public List<string> Interfaces { get; } = [];

    /// <summary>For an interface, the object types implementing it; for a union, its members; for an object, itself.</summary>
    public List<string> PossibleTypes { get; } = [];

    public List<string> EnumValues { get; } = [];

    public List<ArgumentDefinition> InputFields { get; } = [];

    public bool IsComposite => Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union;

    public bool IsAbstract => Kind is TypeKind.Interface or TypeKind.Union;

    public FieldDefinition? Field(string fieldName) => Fields.FirstOrDefault(f => f.Name == fieldName);

    public override string ToString() => Name;
}

/// <summary>The public schema of a supergraph, as the generator needs it: types, fields, arguments, possible types.</summary>
public sealed class SchemaModel
{
    private SchemaModel(Dictionary<string, TypeDefinition> types, string query, string? mutation)
    {
        Types = types;
        QueryType = query;
        MutationType = mutation;
    }

    public IReadOnlyDictionary<string, TypeDefinition> Types { get; }

    public string QueryType { get; }

    public string? MutationType { get; }

    public TypeDefinition this[string name] => Types[name];

    public static SchemaModel Parse(string sdl)
    {
        var document = Parser.Parse(sdl);
        var types = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal);
        foreach (var scalar in new[] { "Int", "Float", "String", "Boolean", "ID" })
        {
            types[scalar] = new TypeDefinition(scalar, TypeKind.Scalar);
        }

        string query = "Query";
        string? mutation = null;
        var hasSchemaDefinition = false;
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLSchemaDefinition schema:
                    hasSchemaDefinition = true;
                    foreach (var root in schema.OperationTypes)
                    {
                        if (root.Operation == OperationType.Query)
                        {
                            query = root.Type!.Name.StringValue;
                        }
                        else if (root.Operation == OperationType.Mutation)
                        {
                            mutation = root.Type!.Name.StringValue;
                        }
                    }

                    break;
                case GraphQLObjectTypeDefinition o:
                    types[o.Name.StringValue] = Composite(o.Name.StringValue, TypeKind.Object, o.Fields, o.Interfaces);
                    break;
                case GraphQLInterfaceTypeDefinition i:
                    types[i.Name.StringValue] = Composite(i.Name.StringValue, TypeKind.Interface, i.Fields, i.Interfaces);
                    break;
                case GraphQLUnionTypeDefinition u:
                    var union = new TypeDefinition(u.Name.StringValue, TypeKind.Union);
                    union.PossibleTypes.AddRange(u.Types?.Items.Select(t => t.Name.StringValue) ?? []);
                    types[union.Name] = union;
                    break;
                case GraphQLEnumTypeDefinition e:
                    var enumType = new TypeDefinition(e.Name.StringValue, TypeKind.Enum);
                    enumType.EnumValues.AddRange(e.Values?.Items.Select(v => v.EnumValue.Name.StringValue) ?? []);
                    types[enumType.Name] = enumType;
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    var inputType = new TypeDefinition(input.Name.StringValue, TypeKind.InputObject);
                    inputType.InputFields.AddRange(input.Fields?.Items.Select(Argument) ?? []);
                    types[inputType.Name] = inputType;
                    break;
                case GraphQLScalarTypeDefinition s:
                    types[s.Name.StringValue] = new TypeDefinition(s.Name.StringValue, TypeKind.Scalar);
                    break;
            }
        }

        if (!hasSchemaDefinition && types.ContainsKey("Mutation"))
        {
            mutation = "Mutation";
        }

        foreach (var type in types.Values)
        {
            if (type.Kind == TypeKind.Object)
            {
                type.PossibleTypes.Add(type.Name);
                foreach (var implemented in type.Interfaces)
                {
                    if (types.TryGetValue(implemented, out var @interface))
                    {
                        @interface.PossibleTypes.Add(type.Name);
                    }
                }
            }
        }

        return new SchemaModel(types, query, mutation);
    }

    /// <summary>The object types an object of both types could be (a fragment on one is valid inside the other).</summary>
    public IEnumerable<string> Overlap(string a, string b) => Types[a].PossibleTypes.Intersect(Types[b].PossibleTypes, StringComparer.Ordinal);

    private static TypeDefinition Composite(string name, TypeKind kind, GraphQLFieldsDefinition? fields, GraphQLImplementsInterfaces? interfaces)
    {
        var type = new TypeDefinition(name, kind);
        type.Interfaces.AddRange(interfaces?.Items.Select(i => i.Name.StringValue) ?? []);
        foreach (var field in fields?.Items ?? [])
        {
            type.Fields.Add(new FieldDefinition(field.Name.StringValue, TypeRef.From(field.Type),
                field.Arguments?.Items.Select(Argument).ToList() ?? []));
        }

        return type;
    }

    private static ArgumentDefinition Argument(GraphQLInputValueDefinition value) =>
        new(value.Name.StringValue, TypeRef.From(value.Type), value.DefaultValue is not null);
}
