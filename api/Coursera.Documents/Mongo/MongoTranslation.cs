using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Driver;

namespace Coursera.Documents.Mongo;

/// <summary>
/// The port's documents, filters, updates and indexes in MongoDB's terms. Documents go through their
/// System.Text.Json form, so MongoDB holds exactly what the filters compare against (a <see cref="Guid"/> or a
/// <see cref="DateTime"/> as a string, an enum as a number).
/// </summary>
public static class MongoTranslation
{
    private static readonly JsonWriterSettings RelaxedJson = new() { OutputMode = JsonOutputMode.RelaxedExtendedJson };

    private static FilterDefinitionBuilder<BsonDocument> Filters => Builders<BsonDocument>.Filter;

    private static UpdateDefinitionBuilder<BsonDocument> Updates => Builders<BsonDocument>.Update;

    public static BsonDocument ToBson<T>(string id, T document)
    {
        var body = BsonDocument.Parse(JsonSerializer.Serialize(document, DocumentValue.Json));
        body.Remove("_id");
        return new BsonDocument("_id", id).AddRange(body);
    }

    public static T FromBson<T>(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var body = document.DeepClone().AsBsonDocument;
        body.Remove("_id");
        return JsonSerializer.Deserialize<T>(body.ToJson(RelaxedJson), DocumentValue.Json)
            ?? throw new InvalidOperationException("A stored document is null.");
    }

    public static FilterDefinition<BsonDocument> Filter(DocumentFilter filter) => filter switch
    {
        // Equality with null also matches documents without the field: the port's meaning of null.
        EqFilter eq => Filters.Eq(eq.Path.ToString(), Value(eq.Value)),
        InFilter @in => Filters.In(@in.Path.ToString(), @in.Values.Select(Value)),
        AndFilter { Filters.Count: 0 } => Filters.Empty,
        AndFilter and => Filters.And(and.Filters.Select(Filter)),
        _ => throw new NotSupportedException($"Filter {filter?.GetType().Name} is not supported."),
    };

    /// <exception cref="ArgumentException">The update has no operations: MongoDB refuses an empty update document.</exception>
    public static UpdateDefinition<BsonDocument> Update(DocumentUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Operations.Count == 0)
        {
            throw new ArgumentException("An update needs at least one operation.", nameof(update));
        }

        return Updates.Combine(update.Operations.Select(operation => operation.Kind switch
        {
            DocumentUpdateKind.Set => Updates.Set(operation.Path.ToString(), Value(operation.Value)),
            DocumentUpdateKind.Max => Updates.Max(operation.Path.ToString(), Number(operation.Value)),
            DocumentUpdateKind.Inc => Updates.Inc(operation.Path.ToString(), Number(operation.Value)),
            DocumentUpdateKind.Unset => Updates.Unset(operation.Path.ToString()),
            _ => throw new NotSupportedException($"Update operation {operation.Kind} is not supported."),
        }));
    }

    public static CreateIndexModel<BsonDocument> Index(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            throw new ArgumentException("An index needs at least one field.", nameof(fields));
        }

        return new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Combine(
            fields.Select(f => Builders<BsonDocument>.IndexKeys.Ascending(DocumentPath.Parse(f).ToString()))));
    }

    /// <summary>A JSON value as BSON, read by the same parser as the documents, so both have the same BSON types.</summary>
    public static BsonValue Value(JsonNode? value) =>
        value is null ? BsonNull.Value : BsonDocument.Parse($"{{\"v\":{value.ToJsonString()}}}")["v"];

    /// <summary>
    /// A whole number as a BSON integer: an Inc of 1 on a missing field must leave 1, not 1.0, which would not read
    /// back into an int property.
    /// </summary>
    private static BsonValue Number(JsonNode? value)
    {
        if (value is not JsonValue json || json.GetValueKind() != JsonValueKind.Number)
        {
            throw new ArgumentException("Max and Inc need a number.", nameof(value));
        }

        var number = double.Parse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (number != Math.Truncate(number))
        {
            return new BsonDouble(number);
        }

        return number switch
        {
            >= int.MinValue and <= int.MaxValue => new BsonInt32((int)number),
            >= long.MinValue and < long.MaxValue => new BsonInt64((long)number),
            _ => new BsonDouble(number),
        };
    }
}
