using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Coursera.Subgraphs.Errors;

namespace Coursera.Subgraphs.Connections;

/// <summary>
/// An opaque keyset cursor: the sort-key values of the last row seen, as base64url JSON. Clients must not build
/// them; the server checks that a cursor has the shape the current ordering expects.
/// </summary>
public sealed class Cursor
{
    private readonly string[] _values;

    private Cursor(string kind, string[] values)
    {
        Kind = kind;
        _values = values;
    }

    /// <summary>Which ordering the cursor belongs to; a cursor from another ordering is refused.</summary>
    public string Kind { get; }

    public static Cursor Create(string kind, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(kind, [.. values.Select(v => v switch
        {
            DateTime t => t.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? string.Empty,
        })]);
    }

    public static Cursor Parse(string encoded)
    {
        try
        {
            var json = Base64Url.DecodeFromChars(encoded);
            var parts = JsonSerializer.Deserialize<string[]>(json);
            if (parts is { Length: >= 1 })
            {
                return new Cursor(parts[0], parts[1..]);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            // fall through to the client error
        }

        throw GraphQLErrors.BadUserInput("The cursor is not valid.");
    }

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize<string[]>([Kind, .. _values])));

    /// <summary>Checks the cursor against the ordering in use, so a stale or foreign cursor is a clear error.</summary>
    public Cursor Expect(string kind, int count) =>
        Kind == kind && _values.Length == count
            ? this
            : throw GraphQLErrors.BadUserInput("The cursor does not belong to this ordering.");

    public string GetString(int index) => _values[index];

    public Guid GetGuid(int index) => System.Guid.TryParse(_values[index], out var value)
        ? value
        : throw GraphQLErrors.BadUserInput("The cursor is not valid.");

    public float GetSingle(int index) => float.TryParse(_values[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw GraphQLErrors.BadUserInput("The cursor is not valid.");

    public DateTime GetDateTime(int index) => long.TryParse(_values[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
        && ticks >= System.DateTime.MinValue.Ticks && ticks <= System.DateTime.MaxValue.Ticks
        ? new DateTime(ticks, DateTimeKind.Utc)
        : throw GraphQLErrors.BadUserInput("The cursor is not valid.");
}
