namespace Coursera.Assessment.Tests;

/// <summary>
/// A table of cases for one rule (<c>Cases/*.table</c>): one case a line, columns split by <c>|</c>, <c>#</c> starts a
/// comment line, a value in double quotes keeps its spaces. Each row becomes one xUnit case, named by its line.
/// </summary>
public static class RuleTable
{
    public static TheoryData<int, string[]> Read(string file)
    {
        var rows = new TheoryData<int, string[]>();
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Cases", file));
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            rows.Add(i + 1, [.. line.Split('|').Select(Unquote)]);
        }

        return rows;
    }

    private static string Unquote(string cell)
    {
        var value = cell.Trim();
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }
}
