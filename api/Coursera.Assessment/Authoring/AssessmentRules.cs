using System.Globalization;
using Coursera.Assessment.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Assessment.Authoring;

/// <summary>What makes questions and a policy acceptable: each refusal names the input field at fault.</summary>
public static class AssessmentRules
{
    public const string InvalidQuestion = "INVALID_QUESTION";
    public const string InvalidPolicy = "INVALID_POLICY";
    public const int MaxQuestions = 200;

    private static readonly Choice[] TrueFalse = [new("true", "True"), new("false", "False")];

    /// <summary>The questions as stored (ids given where missing), or the reasons they are refused.</summary>
    public static (List<Question> Questions, List<UserError> Errors) Questions(IReadOnlyList<QuestionInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var errors = new List<UserError>();
        var questions = new List<Question>();
        if (inputs.Count > MaxQuestions)
        {
            errors.Add(UserError.For(InvalidQuestion, $"An assessment has at most {MaxQuestions} questions.", "questions"));
            return (questions, errors);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var at = i.ToString(CultureInfo.InvariantCulture);
            void Refuse(string field, string message) => errors.Add(UserError.For(InvalidQuestion, message, "questions", at, field));

            var id = string.IsNullOrWhiteSpace(input.Id) ? $"q{i + 1}" : input.Id.Trim();
            if (id.Length > 40 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || !ids.Add(id))
            {
                Refuse("id", $"Question ids are letters, digits, - and _, at most 40, each used once ('{id}' is not).");
            }

            if (input.Explanation?.Length > 4000 || (input.AcceptedAnswers?.Count ?? 0) > 50 || (input.AcceptedAnswers ?? []).Any(a => a.Length > 500))
            {
                Refuse("explanation", "An explanation has at most 4000 characters; at most 50 accepted answers of 500.");
            }

            if (string.IsNullOrWhiteSpace(input.Prompt) || input.Prompt.Length > 4000)
            {
                Refuse("prompt", "A question needs a prompt of at most 4000 characters.");
            }

            var points = input.Points ?? 1;
            var tolerance = input.Tolerance ?? 0;
            if (!(points > 0 && points <= 1000))
            {
                Refuse("points", "Points must be above 0 and at most 1000.");
            }

            if (input.Pool is { } pool && (pool.Trim().Length == 0 || pool.Length > 40))
            {
                Refuse("pool", "A pool name has 1 to 40 characters.");
            }

            var matches = (input.Matches ?? []).Select(m => new Choice(m.Id.Trim(), m.Text)).ToArray();
            var pairs = (input.CorrectPairs ?? []).Select(p => new Pair(p.ChoiceId.Trim(), p.MatchId.Trim())).ToList();
            var choices = input.Kind == QuestionKind.TrueFalse ? TrueFalse : (input.Choices ?? []).Select(c => new Choice(c.Id.Trim(), c.Text)).ToArray();
            var correct = (input.CorrectChoiceIds ?? []).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var validChoices = choices.Length is >= 2 and <= 20 && choices.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() == choices.Length
                && choices.All(c => c.Id.Length is > 0 and <= 40 && !string.IsNullOrWhiteSpace(c.Text) && c.Text.Length <= 1000);
            switch (input.Kind)
            {
                case QuestionKind.Ordering:
                    if (!validChoices)
                    {
                        Refuse("choices", "An ordering question needs 2 to 20 items, each with its own id and a text.");
                    }
                    else if (correct.Count != choices.Length || choices.Any(c => !correct.Contains(c.Id)))
                    {
                        Refuse("correctChoiceIds", "List every item, once, in the right order.");
                    }

                    break;
                case QuestionKind.Matching:
                    if (!validChoices || matches.Length is < 2 or > 20 || matches.Any(m => m.Id.Length > 40 || m.Text.Length > 1000) || matches.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count() != matches.Length
                        || matches.Any(m => m.Id.Length == 0 || string.IsNullOrWhiteSpace(m.Text)))
                    {
                        Refuse("matches", "A matching question needs 2 to 20 choices and 2 to 20 matches, each with its own id and a text.");
                    }
                    else if (pairs.Count != choices.Length || choices.Any(c => pairs.Count(p => p.ChoiceId == c.Id) != 1)
                        || pairs.Any(p => matches.All(m => m.Id != p.MatchId)))
                    {
                        Refuse("correctPairs", "Pair every choice, once, with one of the matches.");
                    }

                    break;
                case QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.TrueFalse:
                    if (!validChoices)
                    {
                        Refuse("choices", "A choice question needs 2 to 20 choices, each with its own id and a text.");
                    }
                    else if (correct.Count == 0 || correct.Any(c => choices.All(choice => choice.Id != c))
                        || (input.Kind != QuestionKind.MultipleChoice && correct.Count != 1))
                    {
                        Refuse("correctChoiceIds", input.Kind == QuestionKind.MultipleChoice
                            ? "Name one or more of the question's choices as correct."
                            : "Name exactly one of the question's choices as correct.");
                    }

                    break;
                case QuestionKind.Numeric:
                    if (input.NumericAnswer is null || !double.IsFinite(input.NumericAnswer.Value) || !(tolerance >= 0))
                    {
                        Refuse("numericAnswer", "A numeric question needs its answer and a tolerance of 0 or more.");
                    }

                    break;
                case QuestionKind.ShortText:
                    if ((input.AcceptedAnswers ?? []).All(a => QuestionScoring.Normalize(a).Length == 0))
                    {
                        Refuse("acceptedAnswers", "A short-text question needs at least one accepted answer.");
                    }

                    break;
            }

            questions.Add(new Question
            {
                Id = id,
                Kind = input.Kind,
                Prompt = input.Prompt?.Trim() ?? "",
                Points = points,
                Choices = input.Kind is QuestionKind.Numeric or QuestionKind.ShortText ? [] : choices,
                CorrectChoiceIds = input.Kind == QuestionKind.Matching ? [] : correct,
                Matches = input.Kind == QuestionKind.Matching ? matches : [],
                CorrectPairs = input.Kind == QuestionKind.Matching ? pairs : [],
                Pool = string.IsNullOrWhiteSpace(input.Pool) ? null : input.Pool.Trim(),
                NumericAnswer = input.Kind == QuestionKind.Numeric ? input.NumericAnswer : null,
                Tolerance = input.Kind == QuestionKind.Numeric ? tolerance : 0,
                AcceptedAnswers = input.Kind == QuestionKind.ShortText ? [.. (input.AcceptedAnswers ?? []).Where(a => !string.IsNullOrWhiteSpace(a))] : [],
                Explanation = input.Explanation,
            });
        }

        return (questions, errors);
    }

    /// <summary>Each pool drawn from exists and has at least as many questions as are drawn from it.</summary>
    public static List<UserError> PoolDraws(AttemptPolicy policy, IReadOnlyList<Question> questions)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(questions);
        return policy.PoolDraws.GroupBy(d => d.Pool).Any(g => g.Count() > 1)
            || policy.PoolDraws.Any(d => d.Count < 1 || d.Count > questions.Count(q => q.Pool == d.Pool))
            ? [UserError.For(InvalidPolicy, "Draw at least 1 question from each pool named, once, and no more than the pool has.", "policy", "poolDraws")]
            : [];
    }

    public static List<UserError> Group(string? group) =>
        group is null || group.Trim().Length <= 100 ? [] : [UserError.For("INVALID_GROUP", "A group name has at most 100 characters.", "group")];

    /// <summary>The group as stored: trimmed, none when empty.</summary>
    public static string? GroupName(string? group) => string.IsNullOrWhiteSpace(group) ? null : group.Trim();

    public static List<UserError> Weight(double? weight) =>
        weight is null or (> 0 and <= 100) ? [] : [UserError.For("INVALID_WEIGHT", "A weight is above 0 and at most 100.", "weight")];

    public const string InvalidSetup = "INVALID_SETUP";

    /// <summary>
    /// A quiz has questions and nothing else; a programming assignment a grader and no questions; peer-graded work a
    /// rubric and no questions.
    /// </summary>
    public static List<UserError> Setup(AssessmentKind kind, IReadOnlyList<Question> questions, AttemptPolicy policy, ProgrammingGrader? grader,
        PeerReviewSetup? peerReview)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<UserError>();

        // Work submitted as files or text is made away from the page: there is nothing to time.
        if (kind != AssessmentKind.Quiz && policy.TimeLimitMinutes is not null)
        {
            errors.Add(UserError.For(InvalidPolicy, "Only quizzes have a time limit.", "policy", "timeLimitMinutes"));
        }

        if (kind != AssessmentKind.Quiz && questions.Count > 0)
        {
            errors.Add(UserError.For(InvalidSetup, "Only quizzes have questions.", "questions"));
        }

        if ((kind == AssessmentKind.Assignment) != (grader is not null))
        {
            errors.Add(UserError.For(InvalidSetup, kind == AssessmentKind.Assignment
                ? "A programming assignment needs its grader."
                : "Only programming assignments (ASSIGNMENT items) have a grader.", "grader"));
        }

        if ((kind == AssessmentKind.PeerReview) != (peerReview is not null))
        {
            errors.Add(UserError.For(InvalidSetup, kind == AssessmentKind.PeerReview
                ? "Peer-graded work needs its rubric."
                : "Only PEER_REVIEW items have a rubric.", "peerReview"));
        }

        if (grader is not null)
        {
            errors.AddRange(Grader(grader));
        }

        if (peerReview is not null)
        {
            errors.AddRange(PeerReview(peerReview));
        }

        return errors;
    }

    public static List<UserError> Grader(ProgrammingGrader grader)
    {
        ArgumentNullException.ThrowIfNull(grader);
        var errors = new List<UserError>();
        void Refuse(string field, string message) => errors.Add(UserError.For(InvalidSetup, message, "grader", field));
        if (string.IsNullOrWhiteSpace(grader.Script) || grader.Script.Length > 100_000)
        {
            Refuse("script", "The grader program has 1 to 100000 characters.");
        }

        if (grader.TimeLimitSeconds is < 1 or > 600 || grader.MemoryMegabytes is < 16 or > 4096)
        {
            Refuse(grader.TimeLimitSeconds is < 1 or > 600 ? "timeLimitSeconds" : "memoryMegabytes",
                "A grader runs 1 to 600 seconds with 16 to 4096 MiB of memory.");
        }

        if (grader.MaxFiles is < 1 or > 50 || grader.MaxFileKilobytes is < 1 or > 2048)
        {
            Refuse(grader.MaxFiles is < 1 or > 50 ? "maxFiles" : "maxFileKilobytes", "Submissions have 1 to 50 files of 1 to 2048 KiB at most.");
        }

        return errors;
    }

    public static List<UserError> PeerReview(PeerReviewSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var errors = new List<UserError>();
        void Refuse(string field, string message) => errors.Add(UserError.For(InvalidSetup, message, "peerReview", field));
        if (setup.Instructions.Length is 0 or > 10_000)
        {
            Refuse("instructions", "Instructions of 1 to 10000 characters.");
        }

        if (setup.Rubric.Count is 0 or > 20 || setup.Rubric.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != setup.Rubric.Count
            || setup.Rubric.Any(c => c.Id.Length > 40 || !c.Id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_') || c.Title.Length is 0 or > 500
                || c.Levels.Count is < 2 or > 10 || c.Levels.Select(l => l.Points).Distinct().Count() != c.Levels.Count
                || c.Levels.Any(l => !(l.Points >= 0 && l.Points <= 100) || l.Label.Length is 0 or > 500) || c.Levels.All(l => l.Points == 0)))
        {
            Refuse("rubric", "1 to 20 criteria, each with its own id and a title, and 2 to 10 levels of different points (0 to 100, one above 0), each labelled.");
        }

        // Each learner reviewing more than each submission needs is what keeps reviews from running short.
        if (setup.ReviewsRequired is < 1 or > 10 || setup.ReviewsToGive <= setup.ReviewsRequired || setup.ReviewsToGive > 20)
        {
            Refuse("reviewsToGive", "1 to 10 reviews grade a submission, and each learner gives more than that, at most 20.");
        }

        if (setup.RelaxAfterHours is < 1 or > 8760 || setup.ReviewHours is < 1 or > 720)
        {
            Refuse(setup.RelaxAfterHours is < 1 or > 8760 ? "relaxAfterHours" : "reviewHours",
                "Reviews relax after 1 hour to a year; a reviewer has 1 hour to 30 days.");
        }

        return errors;
    }

    public static List<UserError> Policy(AttemptPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<UserError>();
        void Refuse(string field, string message) => errors.Add(UserError.For(InvalidPolicy, message, "policy", field));
        if (!(policy.PassingScore > 0 && policy.PassingScore <= 1))
        {
            Refuse("passingScore", "The passing score is a share of the points: above 0 and at most 1.");
        }

        if (policy.MaxAttempts is < 1 or > 1000)
        {
            Refuse("maxAttempts", "Allow 1 to 1000 attempts, or leave maxAttempts out for no limit.");
        }

        if ((policy.AttemptsPerWindow is null) != (policy.WindowHours is null) || policy.AttemptsPerWindow is < 1 or > 1000 || policy.WindowHours is <= 0 or > 8760)
        {
            Refuse("attemptsPerWindow", "attemptsPerWindow (1 to 1000) and windowHours (above 0, at most a year) go together.");
        }

        if (!(policy.LatePenaltyPerDay is >= 0 and <= 1) || !(policy.LatePenaltyFloor is >= 0 and <= 1))
        {
            Refuse(policy.LatePenaltyPerDay is >= 0 and <= 1 ? "latePenaltyFloor" : "latePenaltyPerDay",
                "A late penalty per day and its floor are shares of the score, 0 to 1.");
        }

        if (policy.DueDaysAfterEnrollment is { } days && (days is < 1 or > 3650 || policy.Deadline is not null || policy.LatePenaltyPerDay > 0))
        {
            Refuse("dueDaysAfterEnrollment", policy.Deadline is not null || policy.LatePenaltyPerDay > 0
                ? "A personal schedule or a hard deadline with its late penalty, not both: personal deadlines cost no points."
                : "A personal deadline is 1 to 3650 days after the schedule starts.");
        }

        if (policy.CooldownMinutes is < 0 or > 525_600 || policy.TimeLimitMinutes is < 1 or > 10_080)
        {
            Refuse(policy.CooldownMinutes is < 0 or > 525_600 ? "cooldownMinutes" : "timeLimitMinutes",
                "Cooldowns are 0 minutes to a year; time limits 1 minute to a week.");
        }

        return errors;
    }
}
