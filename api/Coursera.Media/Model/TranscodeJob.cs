namespace Coursera.Media.Model;

public enum TranscodeJobState
{
    Queued,
    Leased,
    Done,
    Failed,
}

/// <summary>
/// The transcoding of one asset, handed to a worker by lease: a worker that stops renewing its lease (it crashed)
/// lets another take the job; each lease is a try, and after the last the asset fails.
/// </summary>
public sealed class TranscodeJob
{
    public Guid AssetId { get; set; }

    public TranscodeJobState State { get; set; }

    public int Tries { get; set; }

    /// <summary>How far the current try is, 0 to 100.</summary>
    public int Progress { get; set; }

    public string? LeaseToken { get; set; }

    public string? LeasedBy { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>When the job may be taken (later than now after a failed try).</summary>
    public DateTime AvailableAt { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}
