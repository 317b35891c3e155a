using System.Text;

namespace LmsSync;

/// <summary>
/// One CSV line (RFC 4180 without line breaks inside fields): course and item titles may hold commas and quotes, so
/// such fields are quoted, and quotes doubled.
/// </summary>
public static class Csv
{
    public static string Format(IEnumerable<string?> fields) =>
        string.Join(',', fields.Select(f => f is null ? "" : f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : f));

    public static List<string> Parse(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
