using Coursera.Assessment.Authoring;
using Coursera.Assessment.Model;
using System.ComponentModel;
using GraphQL;

namespace Coursera.Assessment.Attempts;

public sealed class StartAttemptInput
{
    [Id] public required string ItemId { get; set; }
}

public sealed class SaveAnswersInput
{
    [Id] public required string AttemptId { get; set; }

    public List<AnswerInput> Answers { get; set; } = [];
}

public sealed class SubmitAttemptInput
{
    [Id] public required string AttemptId { get; set; }

    /// <summary>Saved with the submission; answers saved before count too.</summary>
    public List<AnswerInput>? Answers { get; set; }

    [Description("A programming assignment's files (relative paths such as solution.py), graded by its grader.")]
    public List<SubmittedFileInput>? Files { get; set; }

    [Description("Peer-graded work: the text reviewed by peers.")]
    public string? Text { get; set; }

    [Description("Peer-graded work: the version of the honour code accepted (see Assessment.peerReview.honourCode).")]
    public int? HonourCodeVersion { get; set; }
}

public sealed class SubmittedFileInput
{
    public required string Name { get; set; }

    public required string Content { get; set; }
}

public sealed class AnswerInput
{
    public required string QuestionId { get; set; }

    public List<string>? ChoiceIds { get; set; }

    public double? Number { get; set; }

    public string? Text { get; set; }

    public List<PairInput>? Pairs { get; set; }

    public Answer ToAnswer() => new()
    {
        QuestionId = QuestionId,
        ChoiceIds = ChoiceIds ?? [],
        Number = Number,
        Text = Text,
        Pairs = [.. (Pairs ?? []).Select(p => new Pair(p.ChoiceId, p.MatchId))],
    };
}
