using System.Text;

namespace Coursera.Platform.Tests.Security;

/// <summary>A request body a client could send by mistake or on purpose, and what it is.</summary>
public sealed record MalformedBody(string Kind, byte[] Body, string? ContentType);

/// <summary>
/// Makes malformed variants of a well-formed body: invalid UTF-8, NUL bytes, escaped lone surrogates and overlong
/// strings where the body's <c>FUZZ</c> marker stands (inside a string), truncations, deep nesting, huge numbers,
/// values of the wrong type and wrong content types. A fixed seed makes every run send the same bodies, so a failure
/// can be replayed.
/// </summary>
public sealed class MalformedInputGenerator(int seed)
{
    public const string Marker = "FUZZ";

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80],
    ];

    private static readonly string[] ContentTypes =
    [
        "text/plain", "application/xml", "multipart/form-data", "application/json; charset=latin1", "application/x-www-form-urlencoded",
        "application/json", "%%%", "application/graphql", "application/octet-stream",
    ];

    private static readonly string[] WrongValues =
    [
        "[]", "{}", "null", "true", "-1", "1.5", "\"\"", "[[[]]]", "{\"a\":{\"b\":[1,\"x\",null]}}", "1e999999", "-0",
        "123456789012345678901234567890123456789", "\"00000000-0000-0000-0000-00000000000g\"",
    ];

    private readonly Random _random = new(seed);

    /// <param name="valid">A well-formed body holding <see cref="Marker"/> inside one of its strings.</param>
    /// <param name="contentType">The content type the endpoint expects.</param>
    /// <param name="json">Whether the body is JSON (else a form): decides the structural variants.</param>
    public IEnumerable<MalformedBody> Variants(string valid, string contentType, bool json, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 12) switch
            {
                0 => Replace(valid, contentType, "invalid UTF-8", Pick(InvalidUtf8)),
                1 => Replace(valid, contentType, "NUL byte", json ? "\\u0000"u8.ToArray() : "%00"u8.ToArray().Concat(new byte[] { 0 }).ToArray()),
                2 => Replace(valid, contentType, "lone surrogate", json ? (_random.Next(2) == 0 ? "\\ud800"u8.ToArray() : "\\udfff\\ud800"u8.ToArray()) : "%ED%A0%80"u8.ToArray()),
                3 => Replace(valid, contentType, "overlong string", Encoding.UTF8.GetBytes(new string('x', _random.Next(100_000, 1_500_000)))),
                4 => Truncated(valid, contentType),
                5 => json ? Nested(contentType) : Replace(valid, contentType, "deep brackets", Encoding.UTF8.GetBytes(new string('[', 50_000))),
                6 => json ? WrongType(valid, contentType) : Replace(valid, contentType, "form noise", "%zz&&==%"u8.ToArray()),
                7 => json ? HugeNumbers(valid, contentType) : Replace(valid, contentType, "huge number", "1e999999"u8.ToArray()),
                8 => new MalformedBody("wrong content type", Encoding.UTF8.GetBytes(valid.Replace(Marker, "x", StringComparison.Ordinal)), Pick(ContentTypes)),
                9 => new MalformedBody("whole body of the wrong type", Encoding.UTF8.GetBytes(Pick(WrongValues)), contentType),
                10 => new MalformedBody("empty or blank body", Encoding.UTF8.GetBytes(Pick(new[] { "", " ", "\n\t", "\0" })), contentType),
                _ => new MalformedBody("random bytes", RandomBytes(_random.Next(1, 4096)), contentType),
            };
        }
    }

    private static MalformedBody Replace(string valid, string contentType, string kind, byte[] payload)
    {
        var at = valid.IndexOf(Marker, StringComparison.Ordinal);
        var before = Encoding.UTF8.GetBytes(valid[..at]);
        var after = Encoding.UTF8.GetBytes(valid[(at + Marker.Length)..]);
        return new MalformedBody(kind, [.. before, .. payload, .. after], contentType);
    }

    private MalformedBody Truncated(string valid, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(valid.Replace(Marker, "caf\u00e9", StringComparison.Ordinal));
        return new MalformedBody("truncated", bytes[..(_random.Next(1, bytes.Length))], contentType);
    }

    private MalformedBody Nested(string contentType)
    {
        var depth = _random.Next(65, 20_000);
        var body = _random.Next(2) == 0
            ? "{\"query\":\"{ __typename }\",\"variables\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}"
            : new string('[', depth) + new string(']', depth);
        return new MalformedBody("deep nesting", Encoding.UTF8.GetBytes(body), contentType);
    }

    /// <summary>Every string and number of the valid body's top level replaced by a value of another type.</summary>
    private MalformedBody WrongType(string valid, string contentType)
    {
        using var document = System.Text.Json.JsonDocument.Parse(valid.Replace(Marker, "x", StringComparison.Ordinal));
        var properties = document.RootElement.EnumerateObject().Select(p => $"\"{p.Name}\":{Pick(WrongValues)}");
        return new MalformedBody("wrong types", Encoding.UTF8.GetBytes("{" + string.Join(',', properties) + "}"), contentType);
    }

    private MalformedBody HugeNumbers(string valid, string contentType)
    {
        using var document = System.Text.Json.JsonDocument.Parse(valid.Replace(Marker, "x", StringComparison.Ordinal));
        var huge = new[] { "1e999999", "-1e999999", "99999999999999999999999999999999999999", "1" + new string('0', 5000), "0.0000000000000000000000000000001e-999" };
        var properties = document.RootElement.EnumerateObject().Select(p => $"\"{p.Name}\":{Pick(huge)}");
        return new MalformedBody("huge numbers", Encoding.UTF8.GetBytes("{" + string.Join(',', properties) + "}"), contentType);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
