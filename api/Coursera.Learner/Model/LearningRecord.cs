namespace Coursera.Learner.Model;

/// <summary>
/// One change to an organization's enterprise learning, as its learning system pulls it: the enrollment as it is after
/// the change. Records of an organization are numbered (<see cref="Seq"/>) in the order their transactions commit, so
/// a reader that resumes after the last number it saw misses none and sees none twice.
/// </summary>
public sealed class LearningRecord
{
    /// <summary>The position in the feed: given by the database on insert, under the organization's lock (see the learning_records trigger).</summary>
    public long Seq { get; init; }

    public required Guid OrganizationId { get; init; }
    public required LearningRecordKind Kind { get; init; }

    /// <summary>A tombstone: the enrollment was withdrawn, or the learner's account erased.</summary>
    public bool Deleted { get; init; }

    public required Guid EnrollmentId { get; init; }

    /// <summary>Who the record is about; null once their account is erased (with <see cref="ExternalId"/> and <see cref="Email"/>).</summary>
    public Guid? LearnerId { get; set; }

    /// <summary>The organization's own id for the member (its HR system's), when it gave one.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The email the organization invited the member by, when it did.</summary>
    public string? Email { get; set; }

    public required Guid CourseId { get; init; }
    public required Guid SessionId { get; init; }
    public required EnrollmentTrack Track { get; init; }
    public required EnrollmentState State { get; init; }

    /// <summary>Share of the course's required items complete after the change, 0 to 1.</summary>
    public double Progress { get; set; }

    public Guid? ItemId { get; init; }

    /// <summary>STARTED, COMPLETED or PASSED (<see cref="ItemProgress.State"/>), for PROGRESS and GRADE.</summary>
    public string? ItemState { get; init; }

    /// <summary>The learner's best score on the item, 0 to 1 (GRADE).</summary>
    public double? Score { get; init; }

    public DateTime? CompletedAt { get; init; }
    public required DateTime OccurredAt { get; init; }

    /// <summary>Not stored: the writer still has to work <see cref="Progress"/> out from the progress document.</summary>
    public bool ProgressPending { get; private set; }

    /// <summary>
    /// The record of a change to an enrollment the organization pays for (ENTERPRISE, with its organization); null for
    /// any other enrollment: a learner's own learning is not their employer's business.
    /// </summary>
    /// <param name="progress">The share complete after the change, when the caller knows it; else the writer reads it.</param>
    public static LearningRecord? Of(Enrollment enrollment, LearningRecordKind kind, DateTime occurredAt, double? progress = null) =>
        PayingOrganization(enrollment) is { } organizationId ? For(enrollment, organizationId, kind, occurredAt, progress) : null;

    /// <summary>An item's level or best score changed (PROGRESS or GRADE), in an enrollment the organization pays for.</summary>
    public static LearningRecord? OfItem(Enrollment enrollment, LearningRecordKind kind, Guid itemId, ItemProgress item, double progress, DateTime occurredAt) =>
        PayingOrganization(enrollment) is { } organizationId ? For(enrollment, organizationId, kind, occurredAt, progress, itemId, item) : null;

    /// <summary>
    /// The record of a change told to <paramref name="organizationId"/> whatever the enrollment's track now: the one
    /// that moves it off ENTERPRISE (the organization stops paying), and an erased learner's tombstones.
    /// </summary>
    public static LearningRecord For(Enrollment enrollment, Guid organizationId, LearningRecordKind kind, DateTime occurredAt, double? progress = null,
        Guid? itemId = null, ItemProgress? item = null)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        var erased = kind == LearningRecordKind.Erasure;
        return new LearningRecord
        {
            OrganizationId = organizationId,
            Kind = kind,
            Deleted = erased || kind == LearningRecordKind.Withdrawal,
            EnrollmentId = enrollment.Id,
            LearnerId = erased ? null : enrollment.LearnerId,
            CourseId = enrollment.CourseId,
            SessionId = enrollment.SessionId,
            Track = enrollment.Track,
            State = enrollment.State,
            Progress = progress ?? 0,
            ProgressPending = progress is null,
            ItemId = itemId,
            ItemState = item?.State,
            Score = item?.BestScore,
            CompletedAt = enrollment.CompletedAt,
            OccurredAt = occurredAt,
        };
    }

    private static Guid? PayingOrganization(Enrollment enrollment)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        return enrollment is { Track: EnrollmentTrack.Enterprise, OrganizationId: { } organizationId } ? organizationId : null;
    }

    /// <summary>Whether this item record says something the item's previous record did not (a rise of level or of best score).</summary>
    public bool ChangesItemSince(LearningRecord? previous) => previous is null || previous.ItemState != ItemState || previous.Score != Score;

    public void ProgressFound(double progress)
    {
        Progress = progress;
        ProgressPending = false;
    }
}

public enum LearningRecordKind
{
    Enrollment,
    Progress,
    Grade,
    Completion,
    Withdrawal,
    Erasure,
}
