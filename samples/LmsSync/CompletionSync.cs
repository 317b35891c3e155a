using System.Globalization;

namespace LmsSync;

/// <summary>
/// <c>sync</c>: reads the organization's learning-records feed from the stored cursor, prints each record, keeps the
/// completions file up to date, and stores the cursor after each record it handled, so that a run stopped anywhere
/// resumes at the next record.
/// </summary>
public sealed class CompletionSync(CourseraClient client, Guid organizationId, Catalog catalog, TextWriter output)
{
    public async Task<int> RunAsync(SyncState state, CompletionsFile completions, TimeSpan? followEvery, CancellationToken cancellationToken)
    {
        var feed = client.LearningRecords.Feed(organizationId, cursor: state.Load());
        output.WriteLine(feed.Cursor is null ? "Reading the learning records from the beginning" : $"Resuming the learning records after {feed.Cursor}");
        while (true)
        {
            var read = 0;
            await foreach (var record in feed.ReadAvailableAsync(cancellationToken))
            {
                await HandleAsync(record, completions, cancellationToken);
                state.Save(record.Cursor);
                read++;
            }

            output.WriteLine($"Cursor saved to {state.Path} ({read} new records)");
            if (followEvery is not { } interval)
            {
                return 0;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    private async Task HandleAsync(LearningRecord record, CompletionsFile completions, CancellationToken cancellationToken)
    {
        var course = await catalog.CourseTitleAsync(record.CourseId, cancellationToken);
        var item = record.ItemId is { } itemId ? await catalog.ItemTitleAsync(record.CourseId, itemId, cancellationToken) : null;
        var who = record.Deleted && record.LearnerId is null ? "(erased learner)" : $"{record.ExternalId ?? "-"} <{record.Email}>";
        var what = item is null ? course : $"{course} / {item}";
        var progress = record.Progress.ToString("P0", CultureInfo.InvariantCulture);
        output.WriteLine($"{record.Kind,-11} {who}  {what}  {record.ItemState ?? record.State}  progress {progress}");

        if (record.Deleted)
        {
            output.WriteLine($"  tombstone: removed {completions.RemoveEnrollment(record.EnrollmentId)} rows of enrollment {record.EnrollmentId} from {completions.Path}");
        }
        else if (CompletionsFile.IsCompletion(record) && completions.Append(record, course, item))
        {
            output.WriteLine($"  completion added to {completions.Path}");
        }
    }
}
