using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Subgraphs.Federation;

/// <summary>Entities keyed by <c>id</c>, the convention of every subgraph (docs/architecture.md).</summary>
public static class EntityKeys
{
    /// <summary>
    /// Declares <c>@key(fields: "id")</c> and resolves representations through a batch loader, so an
    /// <c>_entities</c> call with many representations costs one query. An unknown id resolves to null.
    /// </summary>
    public static void KeyById<T>(this ObjectGraphType<T> type, Func<IResolveFieldContext, Guid, IDataLoaderResult<T?>> load)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(load);
        type.Key("id");
        type.ResolveReference<IdReference, T>((context, reference) => load(context, reference.Id));
    }
}

/// <summary>The representation of an entity keyed by id: <c>{ "__typename": "Course", "id": "…" }</c>.</summary>
public sealed class IdReference
{
    public Guid Id { get; set; }
}
