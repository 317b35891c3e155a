namespace Coursera.Assessment.Model;

/// <summary>
/// A learner's personal deadlines in a course (Coursera's open courses): each assessment with a personal schedule is
/// due its <see cref="AttemptPolicy.DueDaysAfterEnrollment"/> days after the learner's schedule starts. A deadline is
/// missed when it passed on work not yet passed; missing one costs nothing, and the learner may reset.
/// </summary>
public static class PersonalSchedule
{
    public sealed record Entry(Guid ItemId, string Title, int DueDays, bool Passed);

    public sealed record Deadline(Guid ItemId, string Title, DateTime DueAt, bool Passed, bool Missed);

    /// <summary>The deadlines of a schedule starting at <paramref name="startsAt"/>, earliest first.</summary>
    public static IReadOnlyList<Deadline> Deadlines(DateTime startsAt, IEnumerable<Entry> entries, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(e =>
        {
            var due = startsAt.AddDays(e.DueDays);
            return new Deadline(e.ItemId, e.Title, due, e.Passed, !e.Passed && due < now);
        }).OrderBy(d => d.DueAt).ThenBy(d => d.Title, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Where the schedule starts after a reset: every deadline moves by the same time, so that the earliest one missed
    /// falls <paramref name="runway"/> from now and the spacing between them stays. Null when nothing was missed.
    /// </summary>
    public static DateTime? StartAfterReset(DateTime startsAt, IReadOnlyList<Deadline> deadlines, DateTime now, TimeSpan runway)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        return deadlines.FirstOrDefault(d => d.Missed) is { } earliest ? startsAt + (now + runway - earliest.DueAt) : null;
    }
}
