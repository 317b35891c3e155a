namespace Coursera.Assessment.Model;

/// <summary>
/// An attempt's questions as the learner sees them (order and choices shuffled with the attempt's seed, no answer
/// keys) and the answers saved so far: a document, keyed by the attempt's id.
/// </summary>
public sealed class AttemptContent
{
    public required Guid AttemptId { get; init; }

    public required Guid LearnerId { get; init; }

    public required int Seed { get; init; }

    public List<AttemptQuestion> Questions { get; init; } = [];

    public Dictionary<string, Answer> Answers { get; init; } = [];

    /// <summary>A programming submission's files, or files sent with peer-graded work.</summary>
    public List<SubmittedFile> Files { get; set; } = [];

    /// <summary>Peer-graded work's text.</summary>
    public string? Text { get; set; }

    /// <summary>The honour code accepted with peer-graded work.</summary>
    public Attestation? Attestation { get; set; }

    /// <summary>The learner's account was erased: the answers are gone, the score stays; regrades leave it alone.</summary>
    public bool Erased { get; init; }
}

/// <summary>A question as shown in an attempt: what the learner needs to answer it, never its key.</summary>
public sealed record AttemptQuestion(string Id, QuestionKind Kind, string Prompt, double Points, IReadOnlyList<Choice> Choices)
{
    public IReadOnlyList<Choice> Matches { get; init; } = [];
}

/// <summary>A file of a submission: a relative path and its text.</summary>
public sealed record SubmittedFile(string Name, string Content);
