namespace Coursera.Webhooks;

/// <summary>
/// The dispatcher's settings, bound from the <c>Webhooks</c> configuration section (<c>MigrateOnStart</c> in the same
/// section is its store's).
/// </summary>
public sealed class WebhooksOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Whether this instance fans events out and delivers them. Off for an instance that only serves the management
    /// API (and in tests that watch messages wait).
    /// </summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>
    /// Lets endpoints point at loopback, private and link-local addresses (the all-in-one development host). Refused
    /// outside Development unless <c>Webhooks:AllowPrivateTargetsOutsideDevelopment</c> is also set.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Accepts <c>http://</c> endpoints; outside Development only <c>https://</c> is.</summary>
    public bool? AllowHttp { get; set; }

    /// <summary>
    /// The ports endpoints may use. Empty: 443, and 80 when http is allowed (any port for local receivers while
    /// <see cref="AllowPrivateTargets"/> is on).
    /// </summary>
    public List<int> AllowedPorts { get; set; } = [];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The waits between attempts (<see cref="Model.RetrySchedule.Standard"/> unless configured, e.g. shorter in tests).</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>An endpoint whose every attempt failed for this long is disabled, and its tenant told.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long a rotated-out secret still signs, beside the new one.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Messages one dispatcher takes per round, and sends at once.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Rounds one dispatcher runs at once.</summary>
    public int ConcurrentRounds { get; set; } = 4;

    /// <summary>Connections one dispatcher opens to one endpoint's host at most.</summary>
    public int MaxConnectionsPerEndpoint { get; set; } = 16;

    /// <summary>How long a taken message is reserved; a dispatcher that died mid-send loses it to another after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an idle dispatcher sleeps unless newly queued messages wake it (at once): the most a due retry waits
    /// beyond its time, and a message whose notification was lost.
    /// </summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long messages and delivery attempts are kept after they were created: their bodies carry personal data
    /// (names, external ids), and replays older than this are not offered.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often a dispatcher deletes what is past <see cref="Retention"/>.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Bytes of a response kept in the delivery log.</summary>
    public int ResponseExcerptBytes { get; set; } = 1024;
}
