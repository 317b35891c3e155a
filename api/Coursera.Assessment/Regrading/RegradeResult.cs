namespace Coursera.Assessment.Regrading;

/// <summary>What a regrade changed, or would change on a dry run: one line per attempt whose score moves.</summary>
public sealed record RegradeResult(bool Applied, int AttemptsChecked, IReadOnlyList<RegradeChange> Changes);

public sealed record RegradeChange(Guid AttemptId, Guid LearnerId, int Number, double OldScore, double NewScore, bool OldPassed, bool NewPassed);
