using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Npgsql;

namespace Coursera.Bench.Learner;

/// <summary>A statement's share of a measurement: how often it ran and how long it took PostgreSQL in all.</summary>
internal sealed record StatementUsage(string Query, long Calls, double Milliseconds);

/// <summary>
/// What was used between two readings: CPU of this process (host and clients) and of PostgreSQL, the JIT's compilation
/// time, and the SQL statements run (null where they could not be read).
/// </summary>
internal sealed record ResourceUsage(TimeSpan Process, TimeSpan? Postgres, TimeSpan Jit, long? Statements, IReadOnlyList<StatementUsage> TopStatements,
    TimeSpan Elapsed);

/// <summary>
/// Reads the CPU time of this process and of the PostgreSQL server's processes, and the statements PostgreSQL ran.
/// PostgreSQL shares the two cores with the host, so its share says where the time of a request goes; it is read from
/// <c>/proc</c> for every process <c>pg_stat_activity</c> lists (the backends of the host's connection pool, which stay
/// open, and the server's own workers), so only when the server runs on this machine, as <c>bench/learner.sh</c> starts
/// it. Statements come from <c>pg_stat_statements</c> when the script could preload it.
/// </summary>
internal sealed class ResourceMeter(string postgres) : IAsyncDisposable
{
    // USER_HZ, the unit of /proc/PID/stat times: 100 on every Linux the platform runs on.
    private const double TicksPerSecond = 100;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(postgres);

    public async Task<Func<Task<ResourceUsage>>> StartAsync()
    {
        var statements = await StatementsAsync();
        var postgresTicks = await PostgresTicksAsync();
        var process = ProcessCpu();
        var jit = JitInfo.GetCompilationTime();
        var clock = Stopwatch.StartNew();
        return async () =>
        {
            var elapsed = clock.Elapsed;
            var processUsed = ProcessCpu() - process;
            var jitUsed = JitInfo.GetCompilationTime() - jit;
            var ticksAfter = await PostgresTicksAsync();
            var statementsAfter = await StatementsAsync();
            TimeSpan? postgresUsed = postgresTicks is null || ticksAfter is null
                ? null
                : TimeSpan.FromSeconds(ticksAfter.Sum(p => p.Value - postgresTicks.GetValueOrDefault(p.Key)) / TicksPerSecond);
            if (statements is null || statementsAfter is null)
            {
                return new ResourceUsage(processUsed, postgresUsed, jitUsed, null, [], elapsed);
            }

            var ran = statementsAfter
                .Select(s => statements.TryGetValue(s.Key, out var before)
                    ? s.Value with { Calls = s.Value.Calls - before.Calls, Milliseconds = s.Value.Milliseconds - before.Milliseconds }
                    : s.Value)
                .Where(s => s.Calls > 0)
                .ToList();
            return new ResourceUsage(processUsed, postgresUsed, jitUsed, ran.Sum(s => s.Calls), [.. ran.OrderByDescending(s => s.Milliseconds).Take(8)], elapsed);
        };
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private async Task<Dictionary<int, long>?> PostgresTicksAsync()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return null;
        }

        var ticks = new Dictionary<int, long>();
        await using var command = _dataSource.CreateCommand("SELECT pid FROM pg_stat_activity");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            try
            {
                // utime and stime are fields 14 and 15; counted from after the command name, which is in parentheses
                // and may hold spaces, they are the 12th and 13th.
                var stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // Not on this machine, or gone since the query: not counted.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ticks.Count == 0 ? null : ticks;
    }

    private async Task<Dictionary<(long, long), StatementUsage>?> StatementsAsync()
    {
        try
        {
            // The readings' own few statements are counted too: nothing beside the thousands of a measurement.
            await using var command = _dataSource.CreateCommand(
                "SELECT dbid::bigint, queryid, query, calls, total_exec_time FROM pg_stat_statements WHERE queryid IS NOT NULL");
            await using var reader = await command.ExecuteReaderAsync();
            var statements = new Dictionary<(long, long), StatementUsage>();
            while (await reader.ReadAsync())
            {
                statements[(reader.GetInt64(0), reader.GetInt64(1))] = new StatementUsage(reader.GetString(2), reader.GetInt64(3), reader.GetDouble(4));
            }

            return statements;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.ObjectNotInPrerequisiteState)
        {
            return null; // not preloaded, or the extension not created
        }
    }
}
