using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Coursera.Documents.Postgres;

/// <summary>
/// A <see cref="DocumentFilter"/> as a SQL condition on the <c>body</c> column. Values and paths travel as
/// parameters (positional, appended to the list given), so neither can change the statement.
/// </summary>
internal static class PostgresFilter
{
    public static string ToSql(DocumentFilter filter, List<NpgsqlParameter> parameters) => filter switch
    {
        EqFilter { Value: var value } eq when IsNull(value) => IsMissing(eq.Path, parameters),
        EqFilter eq => EqualTo(eq.Path, eq.Value!, parameters),
        InFilter @in => OneOf(@in, parameters),
        AndFilter { Filters.Count: 0 } => "true",
        AndFilter and => $"({string.Join(" AND ", and.Filters.Select(f => ToSql(f, parameters)))})",
        _ => throw new NotSupportedException($"Filter {filter.GetType().Name} is not supported."),
    };

    private static string IsMissing(DocumentPath path, List<NpgsqlParameter> parameters)
    {
        var p = Add(parameters, Segments(path), NpgsqlDbType.Array | NpgsqlDbType.Text);
        return $"(body #> {p} IS NULL OR body #> {p} = 'null'::jsonb)";
    }

    private static string EqualTo(DocumentPath path, JsonNode value, List<NpgsqlParameter> parameters)
    {
        if (!CanContain(path, value))
        {
            var p = Add(parameters, Segments(path), NpgsqlDbType.Array | NpgsqlDbType.Text);
            return $"body #> {p} = {Add(parameters, value.ToJsonString(), NpgsqlDbType.Jsonb)}";
        }

        var contains = $"body @> {Add(parameters, Nested(path, value), NpgsqlDbType.Jsonb)}";
        return value.GetValueKind() == JsonValueKind.String
            ? $"(body #>> {Add(parameters, Segments(path), NpgsqlDbType.Array | NpgsqlDbType.Text)} = {Add(parameters, value.GetValue<string>(), NpgsqlDbType.Text)} AND {contains})"
            : contains;
    }

    private static string OneOf(InFilter filter, List<NpgsqlParameter> parameters)
    {
        var values = filter.Values.Where(v => !IsNull(v)).Select(v => v!).ToList();
        var conditions = new List<string>();
        if (values.Count > 0 && values.All(v => CanContain(filter.Path, v)))
        {
            var contains = $"body @> ANY({Add(parameters, values.Select(v => Nested(filter.Path, v)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb)})";
            conditions.Add(values.All(v => v.GetValueKind() == JsonValueKind.String)
                ? $"(body #>> {Add(parameters, Segments(filter.Path), NpgsqlDbType.Array | NpgsqlDbType.Text)} = ANY({Add(parameters, values.Select(v => v.GetValue<string>()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)}) AND {contains})"
                : contains);
        }
        else if (values.Count > 0)
        {
            conditions.Add($"body #> {Add(parameters, Segments(filter.Path), NpgsqlDbType.Array | NpgsqlDbType.Text)} = ANY({Add(parameters, values.Select(v => v.ToJsonString()).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb)})");
        }

        if (values.Count < filter.Values.Count)
        {
            conditions.Add(IsMissing(filter.Path, parameters));
        }

        return conditions.Count == 0 ? "false" : $"({string.Join(" OR ", conditions)})";
    }

    /// <summary>
    /// Whether <c>body @&gt; {path: value}</c> means equality, so the GIN index can answer it. It does for scalars
    /// under object keys; for an object or array value containment would also accept a superset, and a numeric
    /// segment may be an array index, which containment cannot express.
    /// </summary>
    private static bool CanContain(DocumentPath path, JsonNode value) =>
        value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
        && !path.Segments.Any(s => s.All(char.IsAsciiDigit));

    /// <summary><c>{"a": {"b": value}}</c> for the path <c>a.b</c>.</summary>
    private static string Nested(DocumentPath path, JsonNode value)
    {
        var node = value.DeepClone();
        for (var i = path.Segments.Count - 1; i >= 0; i--)
        {
            node = new JsonObject { [path.Segments[i]] = node };
        }

        return node.ToJsonString();
    }

    private static bool IsNull(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;

    private static string[] Segments(DocumentPath path) => [.. path.Segments];

    private static string Add(List<NpgsqlParameter> parameters, object value, NpgsqlDbType type)
    {
        parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
        return $"${parameters.Count}";
    }
}
