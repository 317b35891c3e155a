using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Coursera.StripeEmulator;

/// <summary>
/// Every object the emulator holds, by id, in memory (a restart starts afresh, as a new Stripe test account would),
/// and the responses kept for <c>Idempotency-Key</c>s.
/// </summary>
public sealed class StripeState(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _objects = [];
    private readonly List<string> _order = [];
    private readonly Dictionary<string, (int Status, string Body)> _idempotent = [];

    public long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public static string NewId(string prefix) => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    /// <summary>Stores a new object of <paramref name="type"/> with a fresh id and its creation time.</summary>
    public JsonObject Add(string prefix, string type, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields["id"] = NewId(prefix);
        fields["object"] = type;
        fields["created"] = Now;
        fields["livemode"] = false;
        lock (_gate)
        {
            _objects[fields["id"]!.GetValue<string>()] = fields;
            _order.Add(fields["id"]!.GetValue<string>());
        }

        return fields;
    }

    public JsonObject? Find(string id)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault(id);
        }
    }

    /// <summary>Objects of a type, newest first, that match.</summary>
    public List<JsonObject> List(string type, Func<JsonObject, bool> match)
    {
        lock (_gate)
        {
            return [.. _order.AsEnumerable().Reverse().Select(id => _objects[id]).Where(o => o["object"]!.GetValue<string>() == type && match(o))];
        }
    }

    /// <summary>Changes an object under the lock, so that two requests never interleave their changes.</summary>
    public T Change<T>(Func<T> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            return change();
        }
    }

    public bool TryReplay(string key, out (int Status, string Body) response)
    {
        lock (_gate)
        {
            return _idempotent.TryGetValue(key, out response);
        }
    }

    public void Remember(string key, int status, string body)
    {
        lock (_gate)
        {
            _idempotent.TryAdd(key, (status, body));
        }
    }
}
