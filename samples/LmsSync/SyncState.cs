using System.Text.Json;

namespace LmsSync;

/// <summary>Where the last sync stopped in the learning-records feed: the cursor of the last record handled.</summary>
public sealed class SyncState(string path)
{
    private sealed record Stored(string? Cursor);

    public string Path { get; } = path;

    /// <summary>The stored cursor; null the first time, to read the feed from its beginning.</summary>
    public string? Load() =>
        File.Exists(Path) ? JsonSerializer.Deserialize<Stored>(File.ReadAllText(Path), JsonSerializerOptions.Web)?.Cursor : null;

    /// <summary>
    /// Writes a new file and moves it over the old one: a crash mid-write leaves the previous cursor, never half a file.
    /// </summary>
    public void Save(string? cursor)
    {
        var next = Path + ".tmp";
        File.WriteAllText(next, JsonSerializer.Serialize(new Stored(cursor), JsonSerializerOptions.Web));
        File.Move(next, Path, overwrite: true);
    }
}
