namespace Coursera.Sdk;

/// <summary>
/// Chooses the <c>Idempotency-Key</c> of the POST made inside a scope. Without a scope the SDK gives every POST a new
/// key, the same for all its retries, which protects one call; a key of your own (an order number, the id of the row
/// you are syncing) also protects a call your process makes again after a crash: within 24 hours the platform answers
/// it with the first answer and does nothing twice.
/// </summary>
/// <example>
/// <code>
/// using (IdempotencyKey.Use($"program-{row.Id}"))
/// {
///     program = await client.Programs.CreateProgramAsync(organizationId, request);
/// }
/// </code>
/// </example>
public static class IdempotencyKey
{
    /// <summary>The header's name.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The header the platform adds to an answer given again for a key it has seen.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly AsyncLocal<string?> Ambient = new();

    internal static string? Current => Ambient.Value;

    /// <summary>
    /// Sends <paramref name="key"/> with the POST made until the scope is disposed. Make one POST per scope: the same
    /// key with another request is refused (422 <c>IDEMPOTENCY_KEY_REUSED</c>).
    /// </summary>
    /// <param name="key">1 to 255 characters, unique to the operation it protects.</param>
    /// <returns>The scope; dispose it to go back to keys chosen by the SDK.</returns>
    public static IDisposable Use(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, 255, nameof(key));
        var outer = Ambient.Value;
        Ambient.Value = key;
        return new Scope(outer);
    }

    private sealed class Scope(string? outer) : IDisposable
    {
        public void Dispose() => Ambient.Value = outer;
    }
}
