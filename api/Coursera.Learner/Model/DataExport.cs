namespace Coursera.Learner.Model;

/// <summary>
/// A person's request for everything the platform holds about them. READY when every service that holds personal
/// data has put its part in the drop box; the archive can then be downloaded once, by its owner.
/// </summary>
public sealed class DataExport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required Guid UserId { get; init; }
    public DateTime RequestedAt { get; init; }
    public List<string> ReceivedFrom { get; set; } = [];
    public DateTime? ReadyAt { get; set; }
    public DateTime? DownloadedAt { get; set; }

    public string State => DownloadedAt is not null ? "DOWNLOADED" : ReadyAt is not null ? "READY" : "PENDING";
}
