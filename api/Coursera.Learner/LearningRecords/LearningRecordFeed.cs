using System.Globalization;
using Coursera.Learner.Data;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Errors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.LearningRecords;

/// <summary>
/// An organization's learning records, oldest first, for its learning system to pull and resume: a page after the
/// record whose cursor it stored, or from the first record that occurred at or after a time, or from the beginning.
/// The records of an organization commit in the order of their numbers (<see cref="LearningRecordLog"/>), so resuming
/// after a cursor misses nothing and repeats nothing.
/// </summary>
public sealed class LearningRecordFeed(IDbContextFactory<LearnerDbContext> contexts)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    private const string CursorKind = "lr";

    public async Task<LearningRecordPage> ReadAsync(string rawOrganizationId, DateTime? updatedSince, string? after, int? first, Caller caller,
        CancellationToken cancellationToken)
    {
        var organizationId = Ids.Parse(rawOrganizationId, "organizationId");
        LearningRecordReaders.Ensure(caller, organizationId);
        var afterSeq = after is null ? (long?)null : SeqOf(after);
        var size = Math.Clamp(first ?? DefaultPageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = db.LearningRecords.AsNoTracking().Where(r => r.OrganizationId == organizationId);
        if (afterSeq is { } seen)
        {
            records = records.Where(r => r.Seq > seen);
        }
        else if (updatedSince is { } since)
        {
            // The feed from the first record (in feed order) that occurred at or after the time: clocks of concurrent
            // writers may disagree by a little, and starting from the lowest number never skips one of them.
            var utc = since.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(since, DateTimeKind.Utc) : since.ToUniversalTime();
            var start = await db.LearningRecords.Where(r => r.OrganizationId == organizationId && r.OccurredAt >= utc).MinAsync(r => (long?)r.Seq, cancellationToken);
            if (start is null)
            {
                return new LearningRecordPage([], after, false);
            }

            records = records.Where(r => r.Seq >= start);
        }

        var page = await records.OrderBy(r => r.Seq).Take(size + 1).ToListAsync(cancellationToken);
        var hasMore = page.Count > size;
        if (hasMore)
        {
            page.RemoveAt(size);
        }

        return new LearningRecordPage(page, page.Count > 0 ? CursorOf(page[^1]) : after, hasMore);
    }

    public static string CursorOf(LearningRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Cursor.Create(CursorKind, record.Seq).ToString();
    }

    private static long SeqOf(string after) =>
        long.TryParse(Cursor.Parse(after).Expect(CursorKind, 1).GetString(0), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? seq
            : throw GraphQLErrors.BadUserInput("The cursor is not valid.");
}

/// <summary>A page of the feed; <see cref="Cursor"/> is where to resume (the given one when nothing is new).</summary>
public sealed record LearningRecordPage(IReadOnlyList<LearningRecord> Records, string? Cursor, bool HasMore);
