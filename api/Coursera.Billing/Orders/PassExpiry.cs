using Coursera.Billing.Audit;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Events.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Orders;

/// <summary>
/// Ends the passes whose months are over: the order becomes EXPIRED and its entitlement is revoked, in one
/// transaction per batch. Nothing from Stripe says so (a pass is a payment, not a subscription), so the service
/// looks every minute; rows are taken with SKIP LOCKED, so several instances share the work.
/// </summary>
public sealed partial class PassExpiry(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock, ILogger<PassExpiry> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>Expires the passes over at <paramref name="now"/>; how many.</summary>
    public async Task<int> ExpireAsync(DateTime now, CancellationToken cancellationToken)
    {
        var expired = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var over = await db.Orders.FromSql($"""
                SELECT * FROM billing.orders WHERE state = 'Paid' AND access_ends_at <= {now} ORDER BY access_ends_at LIMIT 100 FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
            foreach (var order in over)
            {
                order.State = OrderState.Expired;
                db.Publish(BillingEvents.Revoked(order, order.EntitlementId, order.AccessEndsAt!.Value, "The pass ended."));
                AuditTrail.Record(db, "billing", "order.expired", $"order:{order.Id}", null, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            expired += over.Count;
            if (over.Count < 100)
            {
                return expired;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                if (await ExpireAsync(clock.GetUtcNow().UtcDateTime, stoppingToken) is > 0 and var count)
                {
                    LogExpired(logger, count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e); // the next round tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} passes ended")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending passes failed; trying again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
