using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coursera.ServiceDefaults.Telemetry;

/// <summary>
/// A queue kept in a table, seen as two gauges: <c>{prefix}.length</c> (items waiting) and <c>{prefix}.age</c> (seconds
/// the oldest item that could be worked on now has waited; 0 when none). Sampled by a query on a timer, not counted by
/// the workers: producers and every worker instance change the queue and only the table knows it all; and not read at
/// scrape time, so that a slow or absent database never holds up <c>/metrics</c>.
/// </summary>
public sealed partial class QueueGauges
{
    private readonly string _prefix;
    private double _length;
    private double _age;

    /// <param name="query">One row: the number waiting (bigint) and the oldest's wait in seconds (float8, 0 when none).</param>
    public QueueGauges(Meter meter, string prefix, string itemUnit, string items, string query)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _prefix = prefix;
        Query = query;
        meter.CreateObservableGauge(prefix + ".length", () => Volatile.Read(ref _length), itemUnit, $"{items} waiting.");
        meter.CreateObservableGauge(prefix + ".age", () => Volatile.Read(ref _age), "s",
            $"How long the oldest of the {items.ToLowerInvariant()} that could be worked on now has waited (0 when none).");
    }

    public string Query { get; }

    /// <summary>Samples now and every <paramref name="interval"/> until stopped; a failed sample leaves the last values and is logged.</summary>
    public async Task SampleEveryAsync(NpgsqlDataSource dataSource, TimeSpan interval, ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await SampleAsync(dataSource, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The sampler outlives any one failure (the database restarting), as the workers it watches do.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSampleFailed(logger, e, _prefix);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public async Task SampleAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(Query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        Volatile.Write(ref _length, reader.GetInt64(0));
        Volatile.Write(ref _age, Math.Max(0, reader.GetDouble(1)));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling {Queue} failed; its metrics keep their last values")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception, string queue);
}
