using Coursera.GradingWorker.Sandbox;

namespace Coursera.GradingWorker.Api;

/// <summary>A leased submission: ours to grade until the lease expires, proven by its lease token.</summary>
internal sealed record GradingJob(
    string Id, string LeaseToken, DateTimeOffset? LeaseExpiresAt, Grader Grader, IReadOnlyList<SubmissionFile> Files);

internal sealed record UserError(string Code, string? Message, IReadOnlyList<string>? Path)
{
    /// <summary>Another worker holds the job now; what we would post about it no longer counts.</summary>
    public const string LeaseLost = "LEASE_LOST";
}
