using GraphQL.DataLoader;

namespace Coursera.Subgraphs.Loading;

/// <summary>
/// Collects the keys that resolvers ask for while one level of the query executes, then fetches them in one
/// round trip when the first result is awaited. Results are cached for the request, so a key is fetched once.
/// Register one per request (scoped); it is safe for the parallel execution strategy.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
    TValue missing)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> _results = [];
    private List<TKey> _pending = [];

    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var result))
            {
                result = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                _results.Add(key, result);
                _pending.Add(key);
            }

            return new Pending(this, result.Task);
        }
    }

    /// <summary>
    /// Several keys of one parent (a list of ids), fetched in the same round trip as every other parent's: the values
    /// found, in the keys' order; keys that found nothing are left out.
    /// </summary>
    public IDataLoaderResult<IReadOnlyList<TValue>> LoadFound(IEnumerable<TKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new PendingMany([.. keys.Select(Load)], missing);
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<TKey> keys;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            keys = _pending;
            _pending = [];
        }

        try
        {
            var values = await fetch(keys, cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                Completion(key).TrySetResult(values.TryGetValue(key, out var value) ? value : missing);
            }
        }
        catch (Exception e)
        {
            foreach (var key in keys)
            {
                Completion(key).TrySetException(e);
            }
        }
    }

    private TaskCompletionSource<TValue> Completion(TKey key)
    {
        lock (_gate)
        {
            return _results[key];
        }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, Task<TValue> result) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            await loader.DispatchAsync(cancellationToken).ConfigureAwait(false);
            return await result.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class PendingMany(IReadOnlyList<IDataLoaderResult<TValue>> parts, TValue missing) : IDataLoaderResult<IReadOnlyList<TValue>>
    {
        public async Task<IReadOnlyList<TValue>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new List<TValue>(parts.Count);
            foreach (var part in parts)
            {
                var value = await part.GetResultAsync(cancellationToken).ConfigureAwait(false);
                if (!EqualityComparer<TValue>.Default.Equals(value, missing))
                {
                    values.Add(value);
                }
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
