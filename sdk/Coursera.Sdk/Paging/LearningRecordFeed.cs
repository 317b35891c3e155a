using System.Runtime.CompilerServices;

namespace Coursera.Sdk;

/// <summary>
/// An organization's learning-records feed read from a stored cursor: every enrollment, progress, grade and
/// completion change, oldest first, none missed or repeated. After handling a record, store its
/// <see cref="LearningRecord.Cursor"/> (or <see cref="Cursor"/>) and start from it next time.
/// </summary>
/// <example>
/// <code>
/// var feed = client.LearningRecords.Feed(organizationId, cursor: store.Load());
/// await foreach (var record in feed.FollowAsync(TimeSpan.FromMinutes(1), stopping))
/// {
///     await lms.ApplyAsync(record);
///     store.Save(feed.Cursor);
/// }
/// </code>
/// </example>
public sealed class LearningRecordFeed
{
    private readonly ILearningRecordsClient _records;
    private readonly DateTimeOffset? _updatedSince;
    private readonly int? _limit;
    private readonly TimeProvider _clock;

    /// <summary>A feed of <paramref name="organizationId"/>'s records after <paramref name="cursor"/>.</summary>
    /// <param name="records">The client that reads the pages.</param>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cursor">The cursor stored last time; null to start at <paramref name="updatedSince"/>.</param>
    /// <param name="updatedSince">Without a cursor: the first change at or after this time; null for the beginning.</param>
    /// <param name="limit">Records per page, 1 to 1000; the platform's default when null.</param>
    /// <param name="clock">Times the polling of <see cref="FollowAsync"/>; the system clock when null.</param>
    public LearningRecordFeed(ILearningRecordsClient records, Guid organizationId, string? cursor = null, DateTimeOffset? updatedSince = null,
        int? limit = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
        OrganizationId = organizationId;
        Cursor = cursor;
        _updatedSince = updatedSince;
        _limit = limit;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The organization whose records the feed reads.</summary>
    public Guid OrganizationId { get; }

    /// <summary>
    /// Where the feed resumes: while a record is being handled, that record's cursor. Store it once the record is handled.
    /// </summary>
    public string? Cursor { get; private set; }

    /// <summary>The records waiting now, page after page, until the platform says there are no more for the moment.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    public async IAsyncEnumerable<LearningRecord> ReadAvailableAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LearningRecordPage page;
        do
        {
            page = await _records.ListLearningRecordsAsync(OrganizationId, Cursor is null ? _updatedSince : null, Cursor, _limit, cancellationToken)
                .ConfigureAwait(false);
            foreach (var record in page.Data)
            {
                Cursor = record.Cursor;
                yield return record;
            }

            Cursor = page.NextCursor ?? Cursor;
        }
        while (page.HasMore);
    }

    /// <summary>The records waiting now, then each new one as it comes: the feed is asked again every <paramref name="pollInterval"/> until cancelled.</summary>
    /// <param name="pollInterval">The wait between reads once the feed is caught up.</param>
    /// <param name="cancellationToken">Stops the following.</param>
    public async IAsyncEnumerable<LearningRecord> FollowAsync(TimeSpan pollInterval, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        while (true)
        {
            await foreach (var record in ReadAvailableAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }

            await Task.Delay(pollInterval, _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
