using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursera.Federation.Fuzzing.Generation;

/// <summary>
/// Small pools of argument values that exist in the test federations' data (plus a few that do not, so that "not
/// found" paths are covered too), looked up by <c>Type.field.argument</c>, then by argument name, then by type.
/// </summary>
public static class ValuePools
{
    private static readonly Dictionary<string, JsonNode?[]> Pools = new(StringComparer.Ordinal)
    {
        // shop
        ["Query.user.id"] = ["u1", "u2", "u9"],
        ["Query.node.id"] = ["u1", "u2", "b1", "u9"],
        ["Query.product.id"] = ["b1", "b2", "b3", "c1", "x1"],
        ["Query.book.id"] = ["b1", "b2", "b3", "b9"],
        ["Query.review.id"] = ["r1", "r2", "r3", "r8", "r9", "r7"],
        ["Query.nodes.ids"] = ["b1", "b3", "c1", "u1", "x1"],
        ["Mutation.renameUser.id"] = ["u1", "u2", "u9"],
        ["id"] = ["b1", "c1", "u1", "r1", "x1"],
        ["bookId"] = ["b1", "b2", "b3", "b9"],
        ["productId"] = ["b1", "b2", "c1"],
        ["amount"] = [500, 999, 1500],
        ["body"] = ["Nice", "Meh"],
        ["name"] = ["Zed", "Ada"],
        ["term"] = ["", "a", "e", "Dune", "GraphQL", "Ada", "zzz"],
        ["first"] = [0, 1, 2, 5],
        // fallbacks by type
        ["ID"] = ["1", "x"],
        ["String"] = ["a", ""],
        ["Int"] = [0, 1, 2],
        ["Float"] = [1.5],
        ["Boolean"] = [true, false],
    };

    /// <summary>A value for an argument (or input field) of type <paramref name="type"/>.</summary>
    public static JsonNode? Pick(Random random, SchemaModel schema, string parent, string field, string argument, TypeRef type)
    {
        if (!type.NonNull && random.NextDouble() < 0.08)
        {
            return null;
        }

        if (type.IsList)
        {
            var list = new JsonArray();
            var count = random.Next(0, 4);
            for (var i = 0; i < count; i++)
            {
                list.Add(Pick(random, schema, parent, field, argument, type.OfType! with { NonNull = true }));
            }

            return list;
        }

        var named = schema[type.NamedType];
        switch (named.Kind)
        {
            case TypeKind.Enum:
                return JsonValue.Create(named.EnumValues[random.Next(named.EnumValues.Count)]);
            case TypeKind.InputObject:
                var input = new JsonObject();
                foreach (var inputField in named.InputFields)
                {
                    if (inputField.Required || random.NextDouble() < 0.5)
                    {
                        input[inputField.Name] = Pick(random, schema, named.Name, inputField.Name, inputField.Name, inputField.Type);
                    }
                }

                return input;
        }

        var pool = Pools.GetValueOrDefault($"{parent}.{field}.{argument}") ?? Pools.GetValueOrDefault(argument) ?? Pools.GetValueOrDefault(named.Name);
        if (pool is not null && !Compatible(pool[0], named.Name))
        {
            pool = Pools.GetValueOrDefault(named.Name);
        }

        pool ??= ["x"];
        return pool[random.Next(pool.Length)]?.DeepClone();
    }

    /// <summary>The value as a GraphQL literal of <paramref name="type"/> (enum values bare, input objects as objects).</summary>
    public static string Literal(JsonNode? value, TypeRef type, SchemaModel schema)
    {
        if (value is null)
        {
            return "null";
        }

        if (value is JsonArray array)
        {
            var element = type.IsList ? type.OfType! : type;
            return "[" + string.Join(", ", array.Select(v => Literal(v, element, schema))) + "]";
        }

        var named = schema.Types.GetValueOrDefault(type.NamedType);
        if (value is JsonObject obj)
        {
            var text = new StringBuilder("{");
            text.AppendJoin(", ", obj.Select(p => p.Key + ": " + Literal(p.Value, named?.InputFields.First(f => f.Name == p.Key).Type ?? type, schema)));
            return text.Append('}').ToString();
        }

        if (named?.Kind == TypeKind.Enum)
        {
            return value.GetValue<string>();
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => JsonSerializer.Serialize(value.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => Convert.ToString(value.ToJsonString(), CultureInfo.InvariantCulture),
        };
    }

    private static bool Compatible(JsonNode? sample, string typeName) => typeName switch
    {
        "Int" or "Float" => sample?.GetValueKind() == JsonValueKind.Number,
        "Boolean" => sample?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "ID" or "String" => sample?.GetValueKind() == JsonValueKind.String,
        _ => true,
    };
}
