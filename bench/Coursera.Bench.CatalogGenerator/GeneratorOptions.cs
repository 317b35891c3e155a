using System.Globalization;

namespace Coursera.Bench.CatalogGenerator;

internal sealed record GeneratorOptions
{
    public const string Usage = """
        Fills a PostgreSQL database with a large generated catalog (migrating it first).

          --connection CS   Npgsql connection string (default: env ConnectionStrings__Postgres)
          --courses N       number of courses (default 100000); partners = N/250, 8 instructors each
          --drafts PCT      percent of courses left as drafts (default 3)
          --seed N          seed of the content (default 42)
          --reset           empty the catalog first; without it a non-empty catalog is refused
          --fk-checks       keep foreign-key triggers on during the load (slower; they are skipped for superusers)
        """;

    public required string ConnectionString { get; init; }
    public int Courses { get; init; } = 100_000;
    public double DraftPercent { get; init; } = 3;
    public int Seed { get; init; } = 42;
    public bool Reset { get; init; }
    public bool ForeignKeyChecks { get; init; }

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a message fit for the user.</summary>
    public static GeneratorOptions Parse(string[] args)
    {
        string? connection = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        int courses = 100_000, seed = 42;
        double drafts = 3;
        bool reset = false, fkChecks = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--connection": connection = Value(); break;
                case "--courses": courses = ParseInt(Value(), "--courses", 1); break;
                case "--seed": seed = ParseInt(Value(), "--seed", int.MinValue); break;
                case "--drafts":
                    drafts = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 100
                        ? d : throw new ArgumentException("--drafts is a percentage between 0 and 100.");
                    break;
                case "--reset": reset = true; break;
                case "--fk-checks": fkChecks = true; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ArgumentException("No database: pass --connection or set ConnectionStrings__Postgres.");
        }

        return new GeneratorOptions
        {
            ConnectionString = connection,
            Courses = courses,
            Seed = seed,
            DraftPercent = drafts,
            Reset = reset,
            ForeignKeyChecks = fkChecks,
        };
    }

    private static int ParseInt(string text, string name, int min) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"{name} must be an integer of at least {min}.");
}
