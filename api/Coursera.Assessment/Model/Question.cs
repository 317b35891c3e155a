namespace Coursera.Assessment.Model;

/// <summary>
/// One question of an assessment version, with its answer key. The key never leaves the service for a learner: an
/// attempt carries <see cref="AttemptQuestion"/>s, which have none.
/// </summary>
public sealed record Question
{
    public required string Id { get; init; }

    public required QuestionKind Kind { get; init; }

    public required string Prompt { get; init; }

    /// <summary>What a correct answer is worth relative to the others (1 unless weighted).</summary>
    public double Points { get; init; } = 1;

    /// <summary>For choice questions (true/false has the choices <c>true</c> and <c>false</c>).</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>
    /// The ids of the correct choices: one for single choice and true/false, one or more for multiple choice, every
    /// choice in the right order for ordering.
    /// </summary>
    public IReadOnlyList<string> CorrectChoiceIds { get; init; } = [];

    /// <summary>For matching: what each choice is matched to (distractors allowed).</summary>
    public IReadOnlyList<Choice> Matches { get; init; } = [];

    /// <summary>For matching: each choice's correct match.</summary>
    public IReadOnlyList<Pair> CorrectPairs { get; init; } = [];

    /// <summary>The pool the question is drawn from; a question of no pool is in every attempt.</summary>
    public string? Pool { get; init; }

    public double? NumericAnswer { get; init; }

    /// <summary>How far from <see cref="NumericAnswer"/> an answer may be and still be right.</summary>
    public double Tolerance { get; init; }

    /// <summary>Short-text answers that are right, compared after <see cref="QuestionScoring.Normalize"/>.</summary>
    public IReadOnlyList<string> AcceptedAnswers { get; init; } = [];

    /// <summary>Shown with the correct answer when the policy shows answers.</summary>
    public string? Explanation { get; init; }
}

public sealed record Choice(string Id, string Text);

/// <summary>A choice matched to one of a matching question's matches.</summary>
public sealed record Pair(string ChoiceId, string MatchId);
