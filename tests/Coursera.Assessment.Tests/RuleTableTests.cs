using System.Globalization;
using Coursera.Assessment.Model;

namespace Coursera.Assessment.Tests;

/// <summary>The grading and attempt rules, one table of cases each (<c>Cases/*.table</c>): the line number names the failing case.</summary>
public sealed class RuleTableTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<int, string[]> Scoring => RuleTable.Read("scoring.table");

    public static TheoryData<int, string[]> Availability => RuleTable.Read("availability.table");

    public static TheoryData<int, string[]> KeptGrade => RuleTable.Read("kept-grade.table");

    public static TheoryData<int, string[]> CourseGrade => RuleTable.Read("course-grade.table");

    public static TheoryData<int, string[]> LatePenalties => RuleTable.Read("late-penalty.table");

    public static TheoryData<int, string[]> PersonalSchedules => RuleTable.Read("personal-schedule.table");

    [Theory]
    [MemberData(nameof(PersonalSchedules))]
    public void Personal_deadlines_and_their_reset_are_as_the_personal_schedule_table_says(int line, string[] row)
    {
        var entries = List(row[0]).Select(i => i.Split(':')).Select(p => new PersonalSchedule.Entry(Guid.NewGuid(), p[0], int.Parse(p[0], CultureInfo.InvariantCulture), p[1] == "yes"));
        var now = Now.AddDays(Number(row[1]));
        var deadlines = PersonalSchedule.Deadlines(Now, entries, now);
        var missed = deadlines.Where(d => d.Missed).Select(d => (d.DueAt - Now).TotalDays).ToList();
        Assert.True(row[2] == "-" ? missed.Count == 0 : missed.SequenceEqual(List(row[2]).Select(Number)), $"line {line}: missed {string.Join(", ", missed)}");
        var start = PersonalSchedule.StartAfterReset(Now, deadlines, now, TimeSpan.FromDays(7));
        Assert.True(row[3] == "-" ? start is null : start is { } s && Math.Abs((s - Now).TotalDays - Number(row[3])) < 1e-9, $"line {line}: {start}");
    }

    [Theory]
    [MemberData(nameof(LatePenalties))]
    public void Late_work_loses_what_the_late_penalty_table_says(int line, string[] row)
    {
        var settings = row[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var policy = new AttemptPolicy { LatePenaltyPerDay = Number(settings[0]), LatePenaltyFloor = Number(settings[1]) };
        DateTime? deadline = row[1] == "-" ? null : Now;
        var submitted = row[1] == "-" ? Now : Now.AddHours(Number(row[1]));
        var share = LatePenalty.Share(policy, deadline, submitted);
        Assert.True(Math.Abs(Number(row[2]) - share) < 1e-9, $"line {line}: {share}");
    }

    [Theory]
    [MemberData(nameof(Scoring))]
    public void An_answer_scores_as_the_scoring_table_says(int line, string[] row)
    {
        var kind = Enum.Parse<QuestionKind>(row[0].Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
        var key = row[2];
        var question = new Question
        {
            Id = "q",
            Kind = kind,
            Prompt = "?",
            Choices = [.. List(row[1]).Select(c => new Choice(c, c))],
            CorrectChoiceIds = kind is QuestionKind.Numeric or QuestionKind.ShortText or QuestionKind.Matching ? [] : List(key),
            NumericAnswer = kind == QuestionKind.Numeric ? Number(key.Split('±')[0]) : null,
            Tolerance = kind == QuestionKind.Numeric ? Number(key.Split('±')[1]) : 0,
            AcceptedAnswers = kind == QuestionKind.ShortText ? [.. key.Split(';').Select(a => a.Trim())] : [],
            CorrectPairs = kind == QuestionKind.Matching ? Pairs(key) : [],
        };
        Answer? answer = row[3] == "-" ? null : kind switch
        {
            QuestionKind.Numeric => new Answer { QuestionId = "q", Number = Number(row[3]) },
            QuestionKind.ShortText => new Answer { QuestionId = "q", Text = row[3] },
            QuestionKind.Matching => new Answer { QuestionId = "q", Pairs = Pairs(row[3]) },
            _ => new Answer { QuestionId = "q", ChoiceIds = List(row[3]) },
        };

        Assert.True(Math.Abs(Number(row[4]) - QuestionScoring.Score(question, answer)) < 1e-9, $"line {line}: {QuestionScoring.Score(question, answer)}");
    }

    [Theory]
    [MemberData(nameof(Availability))]
    public void Attempts_open_and_close_as_the_availability_table_says(int line, string[] row)
    {
        var settings = row[0] == "-" ? [] : row[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('='))
            .ToDictionary(p => p[0], p => p[1].TrimEnd('h'));
        var policy = new AttemptPolicy
        {
            MaxAttempts = settings.TryGetValue("max", out var max) ? int.Parse(max, CultureInfo.InvariantCulture) : null,
            AttemptsPerWindow = settings.TryGetValue("per", out var per) ? int.Parse(per, CultureInfo.InvariantCulture) : null,
            WindowHours = settings.TryGetValue("window", out var window) ? Number(window) : null,
            CooldownMinutes = settings.TryGetValue("cooldown", out var cooldown) ? int.Parse(cooldown, CultureInfo.InvariantCulture) : null,
        };
        var extra = settings.TryGetValue("extra", out var more) ? int.Parse(more, CultureInfo.InvariantCulture) : 0;
        var attempts = List(row[1]).Select(a => a.Split('/'))
            .Select(t => (Now.AddMinutes(-Number(t[0])), t.Length > 1 ? Now.AddMinutes(-Number(t[1])) : (DateTime?)null)).ToList();

        var availability = AttemptRules.Check(policy, attempts, extra, Now);

        Assert.True((row[2] == "-" ? null : int.Parse(row[2], CultureInfo.InvariantCulture)) == availability.Remaining,
            $"line {line}: remaining {availability.Remaining}");
        Assert.True((row[3] == "-" ? null : Now.AddMinutes(Number(row[3]))) == availability.NextAvailableAt,
            $"line {line}: next {availability.NextAvailableAt:O}");
        Assert.Equal(availability.Remaining is null or > 0 && availability.NextAvailableAt is null, availability.CanStart(Now));
    }

    [Theory]
    [MemberData(nameof(KeptGrade))]
    public void The_kept_grade_is_as_the_kept_grade_table_says(int line, string[] row)
    {
        // "0.9~0.5": earned 0.9, late by a penalty of half of it (scored 0.45).
        var scores = List(row[1]).Select(s => s.Split('~')).Select(s =>
            new AttemptRules.GradedScore(LatePenalty.Apply(Number(s[0]), s.Length > 1 ? Number(s[1]) : 0), Number(s[0])));
        var kept = AttemptRules.Kept(Enum.Parse<GradingMethod>(row[0], ignoreCase: true), [.. scores]);
        var lateLoss = row.Length > 3 ? Number(row[3]) : 0;
        Assert.True(row[2] == "-" ? kept is null : kept is { } k && Math.Abs(k.Score - Number(row[2])) < 1e-9 && Math.Abs(k.LateLoss - lateLoss) < 1e-9,
            $"line {line}: {kept}");
    }

    [Theory]
    [MemberData(nameof(CourseGrade))]
    public void A_course_grade_and_its_breakdown_are_as_the_course_grade_table_says(int line, string[] row)
    {
        var items = List(row[0]).Select(i => i.Split(':'))
            .Select(p => new CourseGrading.ItemInput(Guid.NewGuid(), "item", Number(p[0]), true, p[1] == "-" ? null : Number(p[1]), p[2] == "yes")
            {
                Group = p.Length > 3 ? p[3] : null,
            }).ToList();
        var drops = row.Length > 3 ? List(row[3]).Select(d => d.Split('=')).ToDictionary(d => d[0], d => int.Parse(d[1], CultureInfo.InvariantCulture)) : null;

        var grade = CourseGrading.Compute(items, drops);

        Assert.True(Math.Abs(Number(row[1]) - grade.Score) < 1e-9, $"line {line}: {grade.Score}");
        Assert.True((row[2] == "yes") == grade.Passed, $"line {line}");
        Assert.True(Math.Abs(grade.Lines.Sum(l => l.Contribution) - grade.Score) < 1e-9, $"line {line}: the lines add up to the grade");
        Assert.True(items.Count == 0 || Math.Abs(grade.Lines.Sum(l => l.Share) - 1) < 1e-9, $"line {line}: the shares add up to 1");
        Assert.All(grade.Lines.Where(l => l.Dropped), l => Assert.Equal(0, l.Share));
    }

    private static List<Pair> Pairs(string cell) =>
        [.. cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Split('=')).Select(p => new Pair(p[0], p[1]))];

    private static List<string> List(string cell) =>
        [.. cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static double Number(string text) => double.Parse(text.Trim(), CultureInfo.InvariantCulture);
}
