using Coursera.Events;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coursera.Webhooks.PersonalData;

/// <summary>
/// Deletes messages and delivery attempts older than <see cref="WebhooksOptions.Retention"/>: their bodies name
/// people, and nothing needs them once the retry schedule and the replay window are over. Deletes in slices, so a
/// large backlog never holds long locks against the dispatcher; any number of instances may run it.
/// </summary>
public sealed partial class MessageRetention(NpgsqlDataSource dataSource, IOptions<WebhooksOptions> options, TimeProvider clock,
    ILogger<MessageRetention> logger) : BackgroundService
{
    private const int Slice = 5000;

    /// <summary>One slice of each table; returns how many rows went.</summary>
    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.Retention;
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            DELETE FROM webhooks.delivery_attempts WHERE id IN (SELECT id FROM webhooks.delivery_attempts WHERE attempted_at < $1 LIMIT {Slice})
            """) { Parameters = { new NpgsqlParameter { Value = cutoff } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            DELETE FROM webhooks.messages WHERE id IN (SELECT id FROM webhooks.messages WHERE created_at < $1 LIMIT {Slice})
            """) { Parameters = { new NpgsqlParameter { Value = cutoff } } });
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async ct => await PruneOnceAsync(ct) > 0, options.Value.PruneInterval, e => LogPruneFailed(logger, e), stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning old webhook messages failed; retrying")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
