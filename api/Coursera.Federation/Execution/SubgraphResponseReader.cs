using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coursera.Federation.Execution;

/// <summary>
/// Reads a subgraph's JSON response into a mutable tree in one pass. <see cref="JsonNode.Parse(ReadOnlySpan{byte}, JsonNodeOptions?, JsonDocumentOptions)"/>
/// first builds a <see cref="JsonDocument"/> (a copy of the bytes plus an index of every token) and then turns each
/// object into a dictionary on first access, which the execution always does; reading the tokens straight into nodes
/// costs about half the time, and the values then write out faster too. Property names repeat across responses
/// (<c>id</c>, <c>__typename</c>, the selection's fields), so they are shared instead of allocated per object, and
/// so do string values: the same entity reached along several paths (every review's author, the same product under
/// many reviews) comes back many times, in one response and across requests.
/// </summary>
public static class SubgraphResponseReader
{
    private const int MaxSharedNames = 4096;
    private const int MaxSharedNameLength = 64;

    /// <summary>String values up to this many UTF-8 bytes are looked up in <see cref="Values"/>.</summary>
    private const int MaxSharedValueLength = 1024;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    /// <summary>
    /// Recently read string values, direct-mapped by hash: a slot keeps the last value that landed there, so the
    /// cache follows the data without growing, and threads racing on a slot only cost each other a miss.
    /// </summary>
    private static readonly SharedValue?[] Values = new SharedValue?[4096];
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NameLookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The response as a JSON object; throws <see cref="JsonException"/> when it is not valid JSON.</summary>
    /// <returns>The object, or null when the JSON is some other value.</returns>
    public static JsonObject? ReadObject(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read())
        {
            throw new JsonException("The response is empty.");
        }

        var stack = new Stack();
        try
        {
            var value = ReadValue(ref reader, ref stack);
            if (reader.Read())
            {
                throw new JsonException("The response has more than one JSON value.");
            }

            return value as JsonObject;
        }
        finally
        {
            stack.Dispose();
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, ref Stack stack)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var start = stack.Properties.Count;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = PropertyName(ref reader);
                    reader.Read();
                    stack.Properties.Add(new(name, ReadValue(ref reader, ref stack)));
                }

                // Built from the exact list of properties, the object sizes its dictionary once.
                var obj = new JsonObject(stack.Properties.Segment(start));
                stack.Properties.Truncate(start);
                return obj;
            }

            case JsonTokenType.StartArray:
            {
                var start = stack.Items.Count;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    stack.Items.Add(ReadValue(ref reader, ref stack));
                }

                var array = new JsonArray(default(JsonNodeOptions), stack.Items.Segment(start).AsSpan());
                stack.Items.Truncate(start);
                return array;
            }

            case JsonTokenType.String:
                return JsonValue.Create(StringValue(ref reader));
            case JsonTokenType.Number:
                return Number(ref reader);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"Unexpected {reader.TokenType} in the response.");
        }
    }

    /// <summary>
    /// A number as the narrowest exact CLR value: whole numbers as int or long (error paths' list indexes are read
    /// back as int), others as decimal, which also keeps the subgraph's digits (<c>1.50</c> stays <c>1.50</c>), and
    /// double only past decimal's range.
    /// </summary>
    private static JsonValue Number(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt32(out var i))
        {
            return JsonValue.Create(i);
        }

        if (reader.TryGetInt64(out var l))
        {
            return JsonValue.Create(l);
        }

        return reader.TryGetDecimal(out var d) ? JsonValue.Create(d) : JsonValue.Create(reader.GetDouble());
    }

    private static string PropertyName(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan; // one contiguous input, never a sequence
        if (reader.ValueIsEscaped || raw.Length > MaxSharedNameLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxSharedNameLength];
        var length = Encoding.UTF8.GetChars(raw, chars);
        var name = chars[..length];
        if (NameLookup.TryGetValue(name, out var shared))
        {
            return shared;
        }

        var created = name.ToString();
        return Names.Count < MaxSharedNames ? Names.GetOrAdd(created, created) : created;
    }

    private static string StringValue(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped || raw.Length > MaxSharedValueLength)
        {
            return reader.GetString()!;
        }

        var hash = new HashCode();
        hash.AddBytes(raw);
        ref var slot = ref Values[(uint)hash.ToHashCode() % (uint)Values.Length];
        if (Volatile.Read(ref slot) is { } shared && raw.SequenceEqual(shared.Utf8))
        {
            return shared.Value;
        }

        var value = reader.GetString()!;
        Volatile.Write(ref slot, new SharedValue(raw.ToArray(), value));
        return value;
    }

    private sealed record SharedValue(byte[] Utf8, string Value);

    /// <summary>The values of the objects and arrays still open, in pooled arrays shared by all depths.</summary>
    private struct Stack : IDisposable
    {
        public Stack()
        {
        }

        public PooledList<KeyValuePair<string, JsonNode?>> Properties = new(64);

        public PooledList<JsonNode?> Items = new(64);

        public readonly void Dispose()
        {
            Properties.Dispose();
            Items.Dispose();
        }
    }

    private struct PooledList<T>(int capacity) : IDisposable
    {
        private T[] _items = ArrayPool<T>.Shared.Rent(capacity);

        public int Count { get; private set; }

        public void Add(T item)
        {
            if (Count == _items.Length)
            {
                var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
                _items.AsSpan(0, Count).CopyTo(larger);
                ArrayPool<T>.Shared.Return(_items, clearArray: true);
                _items = larger;
            }

            _items[Count++] = item;
        }

        public readonly ArraySegment<T> Segment(int start) => new(_items, start, Count - start);

        /// <summary>Drops the items from <paramref name="start"/> on, clearing them so that the pool holds no nodes.</summary>
        public void Truncate(int start)
        {
            _items.AsSpan(start, Count - start).Clear();
            Count = start;
        }

        public readonly void Dispose() => ArrayPool<T>.Shared.Return(_items, clearArray: true);
    }
}
