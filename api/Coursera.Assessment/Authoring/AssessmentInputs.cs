using System.ComponentModel;
using Coursera.Assessment.Model;
using GraphQL;

namespace Coursera.Assessment.Authoring;

public sealed class CreateAssessmentInput
{
    [Id, Description("A QUIZ, ASSIGNMENT or PEER_REVIEW item of a published course.")]
    public required string ItemId { get; set; }

    public required string Title { get; set; }

    [Description("A quiz's questions (none for the other kinds).")]
    public List<QuestionInput>? Questions { get; set; }

    [Description("An ASSIGNMENT's grader (required for one, refused for the other kinds).")]
    public ProgrammingGraderInput? Grader { get; set; }

    [Description("A PEER_REVIEW item's rubric and review rules (required for one, refused for the other kinds).")]
    public PeerReviewSetupInput? PeerReview { get; set; }

    public AttemptPolicyInput? Policy { get; set; }

    [Description("The item's weight in the course grade, relative to the other graded items'; 1 when omitted.")]
    public double? Weight { get; set; }

    [Description("The course's grade group the item joins (see setGradeGroup), at most 100 characters.")]
    public string? Group { get; set; }
}

public sealed class UpdateAssessmentInput
{
    [Id] public required string AssessmentId { get; set; }

    public string? Title { get; set; }

    [Description("Replaces every question of the draft.")]
    public List<QuestionInput>? Questions { get; set; }

    [Description("Replaces an ASSIGNMENT's grader.")]
    public ProgrammingGraderInput? Grader { get; set; }

    [Description("Replaces a PEER_REVIEW item's rubric and review rules.")]
    public PeerReviewSetupInput? PeerReview { get; set; }

    public AttemptPolicyInput? Policy { get; set; }

    [Description("The item's weight in the course grade; it applies at once, to every grade shown.")]
    public double? Weight { get; set; }

    [Description("The grade group the item joins; an empty string leaves its group. It applies at once.")]
    public string? Group { get; set; }
}

public sealed class PublishAssessmentInput
{
    [Id] public required string AssessmentId { get; set; }
}

public sealed class QuestionInput
{
    [Description("Stable within the assessment; q1, q2, ... when omitted.")]
    public string? Id { get; set; }

    public QuestionKind Kind { get; set; }

    public required string Prompt { get; set; }

    [Description("1 when omitted.")]
    public double? Points { get; set; }

    [Description("For SINGLE_CHOICE and MULTIPLE_CHOICE; TRUE_FALSE has the choices true and false.")]
    public List<ChoiceInput>? Choices { get; set; }

    public List<string>? CorrectChoiceIds { get; set; }

    public double? NumericAnswer { get; set; }

    [Description("How far from numericAnswer an answer may be; 0 when omitted.")]
    public double? Tolerance { get; set; }

    [Description("For MATCHING: what the choices are matched to (distractors allowed).")]
    public List<ChoiceInput>? Matches { get; set; }

    [Description("For MATCHING: each choice's correct match.")]
    public List<PairInput>? CorrectPairs { get; set; }

    [Description("The pool the question is drawn from (see the policy's poolDraws); a question of no pool is in every attempt.")]
    public string? Pool { get; set; }

    [Description("SHORT_TEXT answers that are right; case and extra spaces do not matter.")]
    public List<string>? AcceptedAnswers { get; set; }

    public string? Explanation { get; set; }
}

public sealed class PairInput
{
    public required string ChoiceId { get; set; }

    public required string MatchId { get; set; }
}

public sealed class PoolDrawInput
{
    public required string Pool { get; set; }

    public int Count { get; set; }
}

public sealed class ChoiceInput
{
    public required string Id { get; set; }

    public required string Text { get; set; }
}

public sealed class AttemptPolicyInput
{
    [Description("Attempts allowed in all; unlimited when omitted.")]
    public int? MaxAttempts { get; set; }

    [Description("With windowHours: at most this many attempts started in any window.")]
    public int? AttemptsPerWindow { get; set; }

    public double? WindowHours { get; set; }

    [Description("Minutes to wait after a submitted attempt.")]
    public int? CooldownMinutes { get; set; }

    public int? TimeLimitMinutes { get; set; }

    [Description("The hard deadline: later work loses latePenaltyPerDay for each day, or part of one, past it.")]
    public DateTime? Deadline { get; set; }

    [Description("A personal schedule instead of a hard deadline: the learner's deadline is this many days (1 to 3650) after their enrollment or last reset; it sets a pace and costs no points.")]
    public int? DueDaysAfterEnrollment { get; set; }

    [Description("The share of the score (0 to 1) late work loses per day started past the deadline; 0 when omitted.")]
    public double? LatePenaltyPerDay { get; set; }

    [Description("The lowest share of its score (0 to 1) late work keeps; 0 when omitted.")]
    public double? LatePenaltyFloor { get; set; }

    [Description("The share of the points that passes, above 0 and at most 1; 0.8 when omitted.")]
    public double? PassingScore { get; set; }

    [Description("HIGHEST when omitted.")]
    public GradingMethod? GradingMethod { get; set; }

    [Description("AFTER_PASSING when omitted.")]
    public AnswerDisclosure? ShowAnswers { get; set; }

    [Description("How many questions each attempt draws from a pool, at random; a pool not named is drawn whole.")]
    public List<PoolDrawInput>? PoolDraws { get; set; }

    public AttemptPolicy ToPolicy() => new()
    {
        MaxAttempts = MaxAttempts,
        AttemptsPerWindow = AttemptsPerWindow,
        WindowHours = WindowHours,
        CooldownMinutes = CooldownMinutes,
        TimeLimitMinutes = TimeLimitMinutes,
        Deadline = Deadline?.ToUniversalTime(),
        DueDaysAfterEnrollment = DueDaysAfterEnrollment,
        LatePenaltyPerDay = LatePenaltyPerDay ?? 0,
        LatePenaltyFloor = LatePenaltyFloor ?? 0,
        PassingScore = PassingScore ?? 0.8,
        GradingMethod = GradingMethod ?? Model.GradingMethod.Highest,
        ShowAnswers = ShowAnswers ?? AnswerDisclosure.AfterPassing,
        PoolDraws = [.. (PoolDraws ?? []).Select(d => new PoolDraw(d.Pool.Trim(), d.Count))],
    };
}

public sealed class ProgrammingGraderInput
{
    [Description("PYTHON when omitted.")]
    public GraderLanguage? Language { get; set; }

    [Description("The grader program: it finds the learner's files under /submission and prints {\"fractionalScore\": 0..1, \"feedback\": \"…\"}.")]
    public required string Script { get; set; }

    [Description("1 to 600; 60 when omitted.")]
    public int? TimeLimitSeconds { get; set; }

    [Description("16 to 4096; 256 when omitted.")]
    public int? MemoryMegabytes { get; set; }

    [Description("Files a submission may have, 1 to 50; 10 when omitted.")]
    public int? MaxFiles { get; set; }

    [Description("The largest file, 1 to 2048 KiB; 256 when omitted.")]
    public int? MaxFileKilobytes { get; set; }

    public ProgrammingGrader ToGrader() => new()
    {
        Language = Language ?? GraderLanguage.Python,
        Script = Script,
        TimeLimitSeconds = TimeLimitSeconds ?? 60,
        MemoryMegabytes = MemoryMegabytes ?? 256,
        MaxFiles = MaxFiles ?? 10,
        MaxFileKilobytes = MaxFileKilobytes ?? 256,
    };
}

public sealed class PeerReviewSetupInput
{
    public required string Instructions { get; set; }

    public List<RubricCriterionInput> Rubric { get; set; } = [];

    [Description("Reviews that grade a submission (the median per criterion), 1 to 10; 3 when omitted.")]
    public int? ReviewsRequired { get; set; }

    [Description("Reviews each learner gives before seeing their grade: more than reviewsRequired, at most 20; 5 when omitted.")]
    public int? ReviewsToGive { get; set; }

    [Description("Hours after which a submission is graded with the reviews it has (with none, it goes to the staff queue); 72 when omitted.")]
    public double? RelaxAfterHours { get; set; }

    [Description("Hours a reviewer has to finish a review handed to them; 24 when omitted.")]
    public double? ReviewHours { get; set; }

    public PeerReviewSetup ToSetup() => new()
    {
        Instructions = Instructions.Trim(),
        Rubric = [.. Rubric.Select((c, i) => new RubricCriterion(string.IsNullOrWhiteSpace(c.Id) ? $"c{i + 1}" : c.Id.Trim(), c.Title.Trim(),
            [.. (c.Levels ?? []).Select(l => new RubricLevel(l.Points, l.Label.Trim()))]))],
        ReviewsRequired = ReviewsRequired ?? 3,
        ReviewsToGive = ReviewsToGive ?? 5,
        RelaxAfterHours = RelaxAfterHours ?? 72,
        ReviewHours = ReviewHours ?? 24,
    };
}

public sealed class RubricCriterionInput
{
    [Description("Stable within the rubric; c1, c2, ... when omitted.")]
    public string? Id { get; set; }

    public required string Title { get; set; }

    public List<RubricLevelInput>? Levels { get; set; }
}

public sealed class RubricLevelInput
{
    public double Points { get; set; }

    public required string Label { get; set; }
}
