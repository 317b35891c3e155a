using System.ComponentModel;

namespace Coursera.Gateway.Rest.LearningRecords;

/// <summary>One change to an organization's learning: an enrollment, progress in an item, a grade, a completion, or a tombstone.</summary>
public sealed record LearningRecord(
    [property: Description("This record's place in the feed: pass it as `cursor` to read what came after it.")] string Cursor,
    [property: Description("ENROLLMENT, PROGRESS, GRADE, COMPLETION, WITHDRAWAL or ERASURE.")] string Kind,
    [property: Description("A tombstone: the enrollment was withdrawn, or the learner's account erased (their ids and personal data are gone from every record): delete what you hold.")] bool Deleted,
    Guid EnrollmentId,
    [property: Description("Null once the learner's account is erased.")] Guid? LearnerId,
    [property: Description("Your own id for the member; null once erased or when you gave none.")] string? ExternalId,
    [property: Description("Null once erased.")] string? Email,
    Guid CourseId,
    [property: Description("The session (run of the course) the enrollment is in.")] Guid SessionId,
    [property: Description("AUDIT, PAID or ENTERPRISE: the feed follows ENTERPRISE enrollments, and an enrollment's last record says when it left that track.")] string Track,
    [property: Description("The enrollment's state after the change: ACTIVE, COMPLETED, WITHDRAWN or EXPIRED.")] string State,
    [property: Description("Share of the course's required items complete, 0 to 1, after the change.")] double Progress,
    [property: Description("PROGRESS and GRADE: the item.")] Guid? ItemId,
    [property: Description("PROGRESS and GRADE: STARTED, COMPLETED or PASSED.")] string? ItemState,
    [property: Description("GRADE: the learner's best score in the item, 0 to 1.")] double? Score,
    DateTimeOffset? CompletedAt,
    DateTimeOffset OccurredAt);

/// <summary>A page of the feed. <c>nextCursor</c> is always set once the feed has a record: store it and resume from it later.</summary>
public sealed record LearningRecordPage(
    IReadOnlyList<LearningRecord> Data,
    [property: Description("Where to resume: the last record's cursor (or the cursor sent, when nothing is new). Store it.")] string? NextCursor,
    [property: Description("The next page's URL while `hasMore`; else null.")] string? Next,
    [property: Description("More records wait now: read the next page at once. False: poll again later with nextCursor.")] bool HasMore);
