using Coursera.Learner.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Learner.Data;

/// <summary>Applies migrations and creates the progress collection's indexes when <c>Learner:MigrateOnStart</c> is set.</summary>
internal sealed class LearnerStartup(IDbContextFactory<LearnerDbContext> contexts, ProgressRecorder progress, IOptions<LearnerOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            await progress.Progress.EnsureIndexAsync(["learnerId"], cancellationToken);
            await progress.Progress.EnsureIndexAsync(["enrollmentId"], cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
