using System.Globalization;
using System.Text;

namespace Coursera.Learner.Certificates;

/// <summary>
/// The canonical form a certificate's signature covers: a JSON object of string members, keys sorted by code point,
/// no whitespace, strings escaped as RFC 8785 (JCS) does (only <c>"</c>, <c>\</c> and control characters). Anyone can
/// rebuild it from the certificate's fields and check the signature.
/// </summary>
public static class CanonicalJson
{
    public static string Write(IReadOnlyDictionary<string, string> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var json = new StringBuilder("{");
        foreach (var (key, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            AppendString(json, key);
            json.Append(':');
            AppendString(json, value);
        }

        return json.Append('}').ToString();
    }

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}
