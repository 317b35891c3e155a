using System.Diagnostics;
using System.Globalization;
using Coursera.Bench.CatalogGenerator;
using Coursera.Catalog.Data;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(GeneratorOptions.Usage);
    return 0;
}

GeneratorOptions options;
try
{
    options = GeneratorOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(GeneratorOptions.Usage);
    return 2;
}

var total = Stopwatch.StartNew();

// The catalog's own store mapping (snake_case, the history table in its schema), as the service configures it.
var dbOptionsBuilder = new DbContextOptionsBuilder<CatalogDbContext>();
ServiceStore<CatalogDbContext>.Configure(dbOptionsBuilder, options.ConnectionString, CatalogDbContext.Schema);
var dbOptions = dbOptionsBuilder.Options;
await using (var db = new CatalogDbContext(dbOptions))
{
    await db.Database.MigrateAsync();
}

Console.WriteLine($"Migrated in {total.Elapsed.TotalSeconds:F1} s");

await using var connection = new NpgsqlConnection(options.ConnectionString);
await connection.OpenAsync();

await using (var tx = await connection.BeginTransactionAsync())
{
    var existing = await ScalarAsync<long>(connection, "SELECT count(*) FROM catalog.courses");
    if (existing > 0 && !options.Reset)
    {
        Console.Error.WriteLine($"The catalog already holds {existing} courses; pass --reset to replace them.");
        return 3;
    }

    if (options.Reset)
    {
        await ExecuteAsync(connection, "TRUNCATE catalog.partners, catalog.instructors, catalog.courses, catalog.course_instructors, " +
            "catalog.course_sessions, catalog.modules, catalog.items, catalog.specializations, catalog.specialization_courses");
    }

    // The generated rows reference each other correctly by construction; per-row foreign-key triggers would only
    // double the load time. Skipping them needs a superuser (the benchmark's throwaway cluster is one).
    var skipTriggers = !options.ForeignKeyChecks && await ScalarAsync<bool>(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    if (skipTriggers)
    {
        await ExecuteAsync(connection, "SET LOCAL session_replication_role = replica");
    }

    var load = Stopwatch.StartNew();
    var generator = new CatalogGenerator(connection, options);
    generator.Generate();
    await tx.CommitAsync();
    Console.WriteLine($"Loaded in {load.Elapsed.TotalSeconds:F1} s (binary COPY, one transaction, foreign-key triggers {(skipTriggers ? "skipped" : "on")})");
    Console.WriteLine();
    Console.WriteLine($"  {"table",-24} {"rows",12} {"seconds",8} {"rows/s",10}");
    foreach (var t in generator.Loads)
    {
        var perSecond = t.Rows / Math.Max(t.Elapsed.TotalSeconds, 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Table,-24} {t.Rows,12:N0} {t.Elapsed.TotalSeconds,8:F1} {perSecond,10:N0}"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {options.Courses:N0} courses, {generator.PublishedCourses:N0} published, {options.Courses - generator.PublishedCourses:N0} drafts"));
}

// Fresh statistics and visibility maps, as autovacuum would eventually leave them: the planner then sees the real sizes.
var vacuum = Stopwatch.StartNew();
await ExecuteAsync(connection, "VACUUM (ANALYZE) catalog.partners, catalog.instructors, catalog.courses, catalog.course_instructors, " +
    "catalog.course_sessions, catalog.modules, catalog.items, catalog.specializations, catalog.specialization_courses");
Console.WriteLine($"Vacuumed and analyzed in {vacuum.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"Generated the catalog in {total.Elapsed.TotalSeconds:F1} s");
return 0;

static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection);
    return (T)(await command.ExecuteScalarAsync())!;
}
