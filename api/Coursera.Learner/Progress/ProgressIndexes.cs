using Coursera.Learner.Data;
using Coursera.ServiceDefaults.Data;

namespace Coursera.Learner.Progress;

/// <summary>The progress collection's indexes, made with the learner store's migrations (the document store has none of its own).</summary>
public sealed class ProgressIndexes(ProgressRecorder progress) : IStoreStep<LearnerDbContext>
{
    public async Task RunAsync(LearnerDbContext db, CancellationToken cancellationToken)
    {
        await progress.Progress.EnsureIndexAsync(["learnerId"], cancellationToken);
        await progress.Progress.EnsureIndexAsync(["enrollmentId"], cancellationToken);
    }
}
