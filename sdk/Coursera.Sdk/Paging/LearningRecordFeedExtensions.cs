namespace Coursera.Sdk;

/// <summary>Starts a <see cref="LearningRecordFeed"/> from the learning-records client.</summary>
public static class LearningRecordFeedExtensions
{
    /// <summary>
    /// The feed of <paramref name="organizationId"/>'s learning records after <paramref name="cursor"/> (the one stored
    /// last time), or from <paramref name="updatedSince"/> the first time.
    /// </summary>
    /// <param name="records">The learning-records client, <see cref="CourseraClient.LearningRecords"/>.</param>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cursor">The cursor stored last time; null to start at <paramref name="updatedSince"/>.</param>
    /// <param name="updatedSince">Without a cursor: the first change at or after this time; null for the beginning.</param>
    /// <param name="limit">Records per page, 1 to 1000; the platform's default when null.</param>
    public static LearningRecordFeed Feed(this ILearningRecordsClient records, Guid organizationId, string? cursor = null,
        DateTimeOffset? updatedSince = null, int? limit = null) =>
        new(records, organizationId, cursor, updatedSince, limit);

    /// <summary>
    /// Follows <paramref name="organizationId"/>'s learning records from <paramref name="cursor"/>, asking every
    /// <paramref name="pollInterval"/> once caught up. Store each record's <see cref="LearningRecord.Cursor"/> after
    /// handling it.
    /// </summary>
    /// <param name="records">The learning-records client, <see cref="CourseraClient.LearningRecords"/>.</param>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cursor">The cursor stored last time; null for the beginning of the feed.</param>
    /// <param name="pollInterval">The wait between reads once the feed is caught up.</param>
    /// <param name="cancellationToken">Stops the following.</param>
    public static IAsyncEnumerable<LearningRecord> FollowAsync(this ILearningRecordsClient records, Guid organizationId, string? cursor,
        TimeSpan pollInterval, CancellationToken cancellationToken = default) =>
        records.Feed(organizationId, cursor).FollowAsync(pollInterval, cancellationToken);
}
