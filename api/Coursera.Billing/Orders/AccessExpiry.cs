using Coursera.Billing.Audit;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Events.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.Orders;

/// <summary>
/// Ends the access that runs out by itself: passes whose months are over (the order becomes EXPIRED) and approved
/// financial aid after its 180 days (the application becomes EXPIRED); each entitlement is revoked in the transaction
/// that records it. Nothing from Stripe says so, so the service looks every minute; rows are taken with SKIP LOCKED,
/// so several instances share the work.
/// </summary>
public sealed partial class AccessExpiry(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock, ILogger<AccessExpiry> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    private const int Batch = 100;

    /// <summary>Ends the passes and the financial aid over at <paramref name="now"/>; how many.</summary>
    public async Task<int> ExpireAsync(DateTime now, CancellationToken cancellationToken)
    {
        var passes = await InBatchesAsync(db => db.Orders.FromSql($"""
            SELECT * FROM billing.orders WHERE state = 'Paid' AND access_ends_at <= {now} ORDER BY access_ends_at LIMIT {Batch} FOR UPDATE SKIP LOCKED
            """), (db, order) =>
        {
            order.State = OrderState.Expired;
            foreach (var revoked in BillingEvents.RevokedAll(order, order.AccessEndsAt!.Value, "The pass ended."))
            {
                db.Publish(revoked);
            }

            AuditTrail.Record(db, "billing", "order.expired", $"order:{order.Id}", null, now);
        }, cancellationToken);
        var aid = await InBatchesAsync(db => db.AidApplications.FromSql($"""
            SELECT * FROM billing.aid_applications WHERE state = 'Approved' AND access_ends_at <= {now} ORDER BY access_ends_at LIMIT {Batch} FOR UPDATE SKIP LOCKED
            """), (db, application) =>
        {
            application.State = AidState.Expired;
            db.Publish(BillingEvents.Revoked(application, $"Financial aid gives {AidApplication.AccessDays} days of the PAID track; they are over."));
            AuditTrail.Record(db, "billing", "financial_aid.expired", $"aid:{application.Id}", null, now);
        }, cancellationToken);
        return passes + aid;
    }

    /// <summary>Takes the rows <paramref name="due"/> locks, a batch per transaction, until a batch comes back short.</summary>
    private async Task<int> InBatchesAsync<T>(Func<BillingDbContext, IQueryable<T>> due, Action<BillingDbContext, T> expire, CancellationToken cancellationToken)
        where T : class
    {
        var expired = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var over = await due(db).ToListAsync(cancellationToken);
            foreach (var row in over)
            {
                expire(db, row);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            expired += over.Count;
            if (over.Count < Batch)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} passes and financial aid grants ended")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending passes and financial aid failed; trying again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
