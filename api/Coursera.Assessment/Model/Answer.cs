namespace Coursera.Assessment.Model;

/// <summary>A learner's answer to one question: the choices picked, a number, or a text, by the question's kind.</summary>
public sealed record Answer
{
    public required string QuestionId { get; init; }

    public IReadOnlyList<string> ChoiceIds { get; init; } = [];

    public double? Number { get; init; }

    public string? Text { get; init; }

    /// <summary>For matching: each choice with the match the learner gave it.</summary>
    public IReadOnlyList<Pair> Pairs { get; init; } = [];
}
