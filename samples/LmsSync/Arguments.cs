namespace LmsSync;

/// <summary>A command line: the command, then <c>--name value</c> pairs and the flags <c>--once</c> and <c>--follow</c>.</summary>
public sealed class Arguments
{
    private static readonly string[] Flags = ["once", "follow"];

    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    private Arguments(string command, Dictionary<string, string> values, HashSet<string> flags)
    {
        Command = command;
        _values = values;
        _flags = flags;
    }

    public string Command { get; }

    /// <summary>The names given, flags included, to refuse a misspelt one rather than ignore it.</summary>
    public IEnumerable<string> Names => _values.Keys.Concat(_flags);

    public static Arguments? Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var name = args[i][2..];
            if (Flags.Contains(name))
            {
                flags.Add(name);
            }
            else if (i + 1 < args.Length)
            {
                values[name] = args[++i];
            }
            else
            {
                return null;
            }
        }

        return new Arguments(args[0], values, flags);
    }

    /// <summary>The option's value, else the environment variable's, else null.</summary>
    public string? Get(string name, string? variable = null) =>
        _values.GetValueOrDefault(name) ?? (variable is null ? null : Environment.GetEnvironmentVariable(variable));

    public bool Has(string flag) => _flags.Contains(flag);
}
