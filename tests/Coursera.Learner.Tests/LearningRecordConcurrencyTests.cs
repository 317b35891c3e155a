using System.Collections.Concurrent;
using Coursera.Learner.Data;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Learner.Tests;

/// <summary>
/// The feed's promise under load: while many transactions write an organization's records at once, each taking its
/// number and then lingering before it commits, a reader that polls with its cursor sees every record exactly once,
/// and each writer's records in the order it wrote them. A plain sequence breaks this: a record numbered before
/// another but committed after it is skipped by a reader already past the later one.
/// </summary>
public sealed class LearningRecordConcurrencyTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private const int Writers = 8;
    private const int ChangesEach = 50;

    [Fact]
    public async Task A_reader_polling_through_concurrent_writes_sees_every_record_once_and_in_each_writers_order()
    {
        var organizationId = Guid.CreateVersion7(); // an organization of its own: nothing else writes to its feed
        var log = platform.Services.GetRequiredService<LearningRecordLog>();
        var contexts = platform.Services.GetRequiredService<IDbContextFactory<LearnerDbContext>>();
        var reader = await new LearningPath(platform).PlatformAdminAsync();
        var written = new ConcurrentDictionary<int, List<string>>();

        async Task WriteAsync(int writer)
        {
            var random = new Random(writer);
            var mine = written[writer] = [];
            for (var i = 0; i < ChangesEach; i++)
            {
                var enrollment = new Enrollment
                {
                    LearnerId = Guid.CreateVersion7(), LearnerName = "", CourseId = Guid.CreateVersion7(), PartnerId = Guid.CreateVersion7(),
                    SessionId = Guid.CreateVersion7(), Track = EnrollmentTrack.Enterprise, OrganizationId = organizationId, EnrolledAt = DateTime.UtcNow,
                };
                await using var db = await contexts.CreateDbContextAsync();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await Task.Delay(random.Next(0, 3));
                await log.SaveAsync(db, [LearningRecord.Of(enrollment, LearningRecordKind.Enrollment, DateTime.UtcNow, progress: 0)], CancellationToken.None);
                await Task.Delay(random.Next(0, 10)); // numbered and not yet committed: where a plain sequence loses records
                await transaction.CommitAsync();
                mine.Add(enrollment.Id.ToString());
            }
        }

        Assert.Empty((await reader.PostAsync(LearningRecordTests.Feed, new { o = organizationId })).Ok()["learningRecords"]!["records"]!.AsArray()); // warm
        var writing = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))));
        var seen = new List<string>();
        var seenWhileWriting = 0;
        string? cursor = null;
        while (true)
        {
            var finished = writing.IsCompleted; // asked before reading: a page read after every writer committed has everything
            var page = (await reader.PostAsync(LearningRecordTests.Feed, new { o = organizationId, a = cursor, f = 37 })).Ok()["learningRecords"]!;
            seen.AddRange(page["records"]!.AsArray().Select(r => r!["enrollmentId"]!.GetValue<string>()));
            cursor = page["cursor"]?.GetValue<string>();
            if (!writing.IsCompleted)
            {
                seenWhileWriting = seen.Count;
            }

            if (finished && !page["hasMore"]!.GetValue<bool>())
            {
                break;
            }
        }

        await writing;
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(written.Values.SelectMany(w => w).Order(), seen.Order());
        foreach (var (_, mine) in written)
        {
            Assert.Equal(mine, seen.Where(mine.Contains));
        }

        Assert.InRange(seenWhileWriting, 1, (Writers * ChangesEach) - 1); // the reader did read while the writers wrote
    }
}
