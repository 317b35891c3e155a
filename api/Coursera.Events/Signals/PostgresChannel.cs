using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coursera.Events.Signals;

/// <summary>
/// Listens on a PostgreSQL notification channel (<c>LISTEN</c>, on a connection of its own) and raises
/// <see cref="Wakeup"/> for each notification, so that a worker sleeps while there is nothing to do and starts at
/// once when a trigger says there is. Whenever the connection is (re)established the wakeup is raised too: anything
/// notified while it was down is then found by the worker's next round.
/// </summary>
public sealed partial class PostgresChannel(NpgsqlDataSource dataSource, string channel, ILogger logger)
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    public Wakeup Wakeup { get; } = new();

    public async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, _) => Wakeup.Signal();
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                Wakeup.Signal();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The workers keep polling at their slower pace meanwhile; listening resumes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogListenFailed(logger, e, channel);
                Wakeup.Signal();
                try
                {
                    await Task.Delay(Reconnect, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening on {Channel} failed; reconnecting")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, string channel);
}
