namespace Coursera.Events;

/// <summary>
/// Event ids: version 7 UUIDs that only grow within a process. Two events published in one millisecond would
/// otherwise sort at random (a v7 id has random bits after its millisecond), and EF Core inserts a SaveChanges' rows
/// in key order, so a grant and its revocation written together could reach the outbox, and the stream, reversed.
/// </summary>
public static class EventIds
{
    private static readonly Lock Gate = new();
    private static Guid _last;

    public static Guid Next()
    {
        var id = Guid.CreateVersion7();
        lock (Gate)
        {
            if (id.CompareTo(_last) <= 0)
            {
                id = After(_last);
            }

            _last = id;
            return id;
        }
    }

    /// <summary>The id one above <paramref name="id"/> in its random tail (bytes 9 to 15), leaving version and variant alone.</summary>
    private static Guid After(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 9 && ++bytes[i] == 0; i--)
        {
        }

        return new Guid(bytes, bigEndian: true);
    }
}
