using GraphQLParser.AST;

namespace Coursera.Federation.Composition;

internal static class GraphQLTypeExtensions
{
    public static string NamedTypeName(this GraphQLType type) => type switch
    {
        GraphQLNamedType named => named.Name.StringValue,
        GraphQLNonNullType nonNull => nonNull.Type.NamedTypeName(),
        GraphQLListType list => list.Type.NamedTypeName(),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool IsNonNull(this GraphQLType type) => type is GraphQLNonNullType;

    public static GraphQLType Nullable(this GraphQLType type) => type is GraphQLNonNullType nonNull ? nonNull.Type : type;

    public static bool IsList(this GraphQLType type) => type.Nullable() is GraphQLListType;

    public static string Print(this GraphQLType type) => type switch
    {
        GraphQLNamedType named => named.Name.StringValue,
        GraphQLNonNullType nonNull => nonNull.Type.Print() + "!",
        GraphQLListType list => "[" + list.Type.Print() + "]",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Same shape (lists, named type) ignoring nullability: what subgraphs must agree on.</summary>
    public static bool SameShape(this GraphQLType a, GraphQLType b) => (a.Nullable(), b.Nullable()) switch
    {
        (GraphQLNamedType x, GraphQLNamedType y) => x.Name.StringValue == y.Name.StringValue,
        (GraphQLListType x, GraphQLListType y) => x.Type.SameShape(y.Type),
        _ => false,
    };

    /// <summary>The most permissive of two same-shaped output types: nullable wherever either is.</summary>
    public static GraphQLType Widen(this GraphQLType a, GraphQLType b)
    {
        var inner = (a.Nullable(), b.Nullable()) switch
        {
            (GraphQLListType x, GraphQLListType y) => new GraphQLListType(x.Type.Widen(y.Type)),
            (var x, _) => x,
        };
        return a.IsNonNull() && b.IsNonNull() ? new GraphQLNonNullType(inner) : inner;
    }
}
