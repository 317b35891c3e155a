using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;

namespace Coursera.ServiceDefaults.Caching;

/// <summary>
/// Stores entities in Redis as JSON, setting properties whose setters are private too: entities keep their rules by
/// hiding setters (a course's status changes only through <c>Publish</c>), which HybridCache's default serializer would
/// leave at their initial values when reading back. Strings and byte arrays keep HybridCache's own serializers.
/// </summary>
internal sealed class EntityJsonSerializerFactory : IHybridCacheSerializerFactory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SetNonPublicSetters } },
    };

    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        serializer = typeof(T) == typeof(string) || typeof(T) == typeof(byte[]) ? null : new EntityJsonSerializer<T>();
        return serializer is not null;
    }

    private static void SetNonPublicSetters(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.Set is null && property.AttributeProvider is PropertyInfo { } info && info.GetSetMethod(nonPublic: true) is { } setter)
            {
                property.Set = (target, value) => setter.Invoke(target, [value]);
            }
        }
    }

    private sealed class EntityJsonSerializer<T> : IHybridCacheSerializer<T>
    {
        public T Deserialize(ReadOnlySequence<byte> source)
        {
            var reader = new Utf8JsonReader(source);
            return JsonSerializer.Deserialize<T>(ref reader, Json)!;
        }

        public void Serialize(T value, IBufferWriter<byte> target)
        {
            using var writer = new Utf8JsonWriter(target);
            JsonSerializer.Serialize(writer, value, Json);
        }
    }
}
