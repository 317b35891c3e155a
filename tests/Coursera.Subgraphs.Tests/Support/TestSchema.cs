using System.Collections.Concurrent;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.Loading;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Subgraphs.Tests.Support;

/// <summary>
/// A tiny schema that exercises what the toolkit promises: plain fields, an unexpected exception, an error with a
/// code, a list with arguments (depth and complexity), a connection, a batch-loaded field, a mutation and
/// subscriptions fed by an <see cref="IObservable{T}"/>.
/// </summary>
public sealed class TestSchema : Schema
{
    public TestSchema(IServiceProvider services, TestQuery query, TestMutation mutation, TestSubscription subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }

    /// <summary>What the schema's resolvers need from the container, registered beside <c>AddSubgraph</c>.</summary>
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<OwnerStore>();
        services.AddSingleton<StreamProbe>();
        services.AddScoped(sp => sp.GetRequiredService<OwnerStore>().CreateLoader());
    }
}

public sealed record Item(int Id, string Name, int OwnerId);

public sealed record Owner(int Id, string Name);

public sealed class TestQuery : ObjectGraphType
{
    public const int ItemCount = 25;

    public TestQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("hello")
            .Argument<StringGraphType>("name")
            .Resolve(c => $"Hello, {c.GetArgument<string?>("name") ?? "world"}!");

        Field<StringGraphType>("boom")
            .Resolve(_ => throw new InvalidOperationException("Connection string Password=hunter2 leaked from TestQuery.Boom"));

        Field<StringGraphType>("notFound")
            .Resolve(_ => throw GraphQLErrors.NotFound("No course has that id."));

        Field<StringGraphType>("courseFull")
            .Resolve(_ => throw new ExecutionError("The course is full.") { Code = "COURSE_FULL" });

        Field<StringGraphType>("slow")
            .Argument<NonNullGraphType<IntGraphType>>("ms")
            .ResolveAsync(async c =>
            {
                await Task.Delay(c.GetArgument<int>("ms"), c.CancellationToken);
                return "done";
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("items")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Argument<IntGraphType>("owners", a => a.DefaultValue = 3)
            .Resolve(c => Items(c.GetArgument<int>("first"), c.GetArgument<int>("owners")));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("itemsWithBrokenOwners")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 4)
            .Resolve(c => Enumerable.Range(1, c.GetArgument<int>("first"))
                .Select(i => new Item(i, $"Item {i}", OwnerStore.PoisonedKey - (i % 2))).ToList());

        Field<OwnerType>("owner")
            .Argument<NonNullGraphType<IntGraphType>>("id")
            .Resolve(c => c.RequestServices!.GetRequiredService<BatchLoader<int, Owner?>>().Load(c.GetArgument<int>("id")));

        Field<NonNullGraphType<ItemConnectionType>>("itemsPage")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Resolve(c =>
            {
                var page = PageRequest.From(c);
                var afterId = page.After is null ? 0 : ItemCursor.IdOf(page.After);
                var rows = Items(ItemCount, 3).Where(i => i.Id > afterId).Take(page.First + 1).ToList();
                return page.ToConnection(rows, ItemCursor.Of, _ => Task.FromResult(ItemCount));
            });
    }

    public static List<Item> Items(int first, int owners) =>
        [.. Enumerable.Range(1, Math.Max(0, first)).Select(i => new Item(i, $"Item {i}", i % Math.Max(1, owners)))];
}

/// <summary>Keyset cursors of <c>itemsPage</c>, ordered by id.</summary>
public static class ItemCursor
{
    public const string Kind = "items.id";

    public static Cursor Of(Item item) => Cursor.Create(Kind, item.Id);

    public static int IdOf(Cursor cursor) =>
        int.TryParse(cursor.Expect(Kind, 1).GetString(0), out var id)
            ? id
            : throw GraphQLErrors.BadUserInput("The cursor is not valid.");
}

public sealed class ItemType : ObjectGraphType<Item>
{
    public ItemType()
    {
        Name = "Item";
        Field(i => i.Id);
        Field(i => i.Name);
        Field<OwnerType>("owner")
            .Resolve(c => c.RequestServices!.GetRequiredService<BatchLoader<int, Owner?>>().Load(c.Source.OwnerId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ItemType>>>>("children")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 2)
            .Resolve(c => Enumerable.Range(1, c.GetArgument<int>("first"))
                .Select(i => new Item((c.Source.Id * 10) + i, $"{c.Source.Name}.{i}", c.Source.OwnerId)).ToList());
    }
}

public sealed class OwnerType : ObjectGraphType<Owner>
{
    public OwnerType()
    {
        Name = "Owner";
        Field(o => o.Id);
        Field(o => o.Name);
        Field<OwnerType>("next")
            .Description("The owner with the next id, through the same loader.")
            .Resolve(c => c.RequestServices!.GetRequiredService<BatchLoader<int, Owner?>>().Load(c.Source.Id + 1));
    }
}

public sealed class ItemConnectionType : ConnectionGraphType<ItemType, Item>;

/// <summary>The owners' "database": records every fetch so tests can count round trips.</summary>
public sealed class OwnerStore
{
    /// <summary>Fetching this key (or any below it) fails the whole round trip.</summary>
    public const int PoisonedKey = -1;

    public const int OwnerCount = 10;

    public ConcurrentQueue<int[]> Fetches { get; } = new();

    public BatchLoader<int, Owner?> CreateLoader() => new(
        async (keys, cancellationToken) =>
        {
            Fetches.Enqueue([.. keys]);
            await Task.Yield();
            if (keys.Any(k => k <= PoisonedKey))
            {
                throw new InvalidOperationException("The owners table is unavailable.");
            }

            return keys.Where(k => k < OwnerCount).ToDictionary(k => k, k => (Owner?)new Owner(k, $"Owner {k}"));
        },
        missing: null);
}

public sealed class TestMutation : ObjectGraphType
{
    private int _counter;

    public TestMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<IntGraphType>>("increment")
            .Argument<IntGraphType>("by", a => a.DefaultValue = 1)
            .Resolve(c => Interlocked.Add(ref _counter, c.GetArgument<int>("by")));
    }
}

public sealed class TestSubscription : ObjectGraphType
{
    public TestSubscription()
    {
        Name = "Subscription";
        Field<NonNullGraphType<IntGraphType>, int>("ticks")
            .Description("1, 2, … count, then the stream completes.")
            .Argument<IntGraphType>("count", a => a.DefaultValue = 3)
            .Argument<IntGraphType>("intervalMs", a => a.DefaultValue = 0)
            .Resolve(c => (int)c.Source!)
            .ResolveStream(c => new Ticker(
                c.GetArgument<int>("count"),
                TimeSpan.FromMilliseconds(c.GetArgument<int>("intervalMs")),
                failure: null,
                c.RequestServices!.GetRequiredService<StreamProbe>()));

        Field<NonNullGraphType<IntGraphType>, int>("forever")
            .Description("Ticks until the client completes the operation.")
            .Argument<IntGraphType>("intervalMs", a => a.DefaultValue = 20)
            .Resolve(c => (int)c.Source!)
            .ResolveStream(c => new Ticker(
                -1,
                TimeSpan.FromMilliseconds(c.GetArgument<int>("intervalMs")),
                failure: null,
                c.RequestServices!.GetRequiredService<StreamProbe>()));

        Field<NonNullGraphType<IntGraphType>, int>("failing")
            .Description("One tick, then the source stream fails: with an ExecutionError when a code is given.")
            .Argument<StringGraphType>("code")
            .Resolve(c => (int)c.Source!)
            .ResolveStream(c => new Ticker(
                1,
                TimeSpan.Zero,
                c.GetArgument<string?>("code") is { } code
                    ? new ExecutionError("The course was deleted.") { Code = code }
                    : new InvalidOperationException("Redis password=hunter2 refused"),
                c.RequestServices!.GetRequiredService<StreamProbe>()));
    }
}

/// <summary>Lets tests see when a subscription's source stream was unsubscribed.</summary>
public sealed class StreamProbe
{
    private readonly TaskCompletionSource _unsubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Unsubscribed => _unsubscribed.Task;

    public void OnUnsubscribed() => _unsubscribed.TrySetResult();
}

/// <summary>Emits 1..count (forever when count is negative) on a background task, then completes or fails.</summary>
public sealed class Ticker(int count, TimeSpan interval, Exception? failure, StreamProbe probe) : IObservable<int>
{
    public IDisposable Subscribe(IObserver<int> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            try
            {
                for (var i = 1; count < 0 || i <= count; i++)
                {
                    if (interval > TimeSpan.Zero)
                    {
                        await Task.Delay(interval, stop.Token);
                    }

                    stop.Token.ThrowIfCancellationRequested();
                    observer.OnNext(i);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (failure is not null)
            {
                observer.OnError(failure);
            }
            else
            {
                observer.OnCompleted();
            }
        });
        return new Unsubscriber(stop, probe);
    }

    private sealed class Unsubscriber(CancellationTokenSource stop, StreamProbe probe) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            probe.OnUnsubscribed();
        }
    }
}
