using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Data;

/// <summary>
/// Applies migrations when <c>Catalog:MigrateOnStart</c> is set (the all-in-one host and tests), and seeds the
/// sample catalog into an empty database when <c>Catalog:Seed</c> is set. Production migrates with <c>--migrate</c>.
/// </summary>
internal sealed partial class CatalogStartup(
    IDbContextFactory<CatalogDbContext> contexts,
    IConfiguration configuration,
    ILogger<CatalogStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Catalog:MigrateOnStart"))
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (configuration.GetValue<bool>("Catalog:Seed") && !await db.Partners.AnyAsync(cancellationToken))
        {
            var seeded = await CatalogSeed.SeedAsync(db, cancellationToken);
            LogSeeded(logger, seeded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the sample catalog with {Courses} courses")]
    private static partial void LogSeeded(ILogger logger, int courses);
}
