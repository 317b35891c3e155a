namespace Coursera.GradingWorker;

/// <summary>The grading worker's settings, bound from the <c>GradingWorker</c> configuration section.</summary>
public sealed class GradingWorkerOptions
{
    public const string Section = "GradingWorker";

    /// <summary>The GraphQL endpoint of the platform, e.g. <c>http://127.0.0.1:8080/graphql</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The OpenID Connect issuer; tokens come from <c>{Authority}/connect/token</c>.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The API client holding the <c>grading:work</c> scope.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The wait before asking again when the queue was empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a leased job stays ours; past it, another worker may take it.</summary>
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Where each job gets a folder of its own while it is graded.</summary>
    public string WorkFolder { get; set; } = Path.Combine(Path.GetTempPath(), "coursera-grading");
}
