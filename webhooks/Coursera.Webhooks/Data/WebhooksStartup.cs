using Microsoft.EntityFrameworkCore;

namespace Coursera.Webhooks.Data;

/// <summary>Applies migrations when <c>Webhooks:MigrateOnStart</c> is set (the all-in-one host and tests).</summary>
internal sealed class WebhooksStartup(IDbContextFactory<WebhooksDbContext> contexts, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>("Webhooks:MigrateOnStart"))
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
