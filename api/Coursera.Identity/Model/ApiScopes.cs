namespace Coursera.Identity.Model;

/// <summary>The API scopes of docs/architecture.md; an API client gets a subset, a user's token the ones its client asked for.</summary>
public static class ApiScopes
{
    public const string CatalogRead = "catalog:read";
    public const string CatalogWrite = "catalog:write";
    public const string LearnersRead = "learners:read";
    public const string EnrollmentsWrite = "enrollments:write";
    public const string ReportsRead = "reports:read";
    public const string WebhooksManage = "webhooks:manage";
    public const string BillingRead = "billing:read";
    public const string MediaPlayback = "media:playback";

    /// <summary>Taking programming submissions from the grading queue and posting their scores (grading workers).</summary>
    public const string GradingWork = "grading:work";

    /// <summary>
    /// Exporting or erasing one's own personal data, and a platform administrator's erasures. Only our own
    /// (first-party) applications may ask for it: <see cref="FirstPartyOnly"/>.
    /// </summary>
    public const string PersonalData = "personal_data";

    /// <summary>
    /// Scopes no third-party application and no API client is ever given (FirstPartyClients enforces it), so a service
    /// that cannot ask identity which client a token came from still knows a token holding one comes from our own apps.
    /// </summary>
    public static IReadOnlyList<string> FirstPartyOnly { get; } = [PersonalData];

    public static IReadOnlyList<string> Api { get; } =
        [CatalogRead, CatalogWrite, LearnersRead, EnrollmentsWrite, ReportsRead, WebhooksManage, BillingRead, MediaPlayback, GradingWork];

    /// <summary>What an API client of a partner may hold (grading:work for the graders of its own courses).</summary>
    public static IReadOnlyList<string> Partner { get; } =
        [CatalogRead, CatalogWrite, LearnersRead, ReportsRead, WebhooksManage, BillingRead, MediaPlayback, GradingWork];

    /// <summary>What an API client of an organization may hold.</summary>
    public static IReadOnlyList<string> Organization { get; } =
        [CatalogRead, LearnersRead, EnrollmentsWrite, ReportsRead, WebhooksManage, BillingRead];

    public static IReadOnlyList<string> For(TenantKind kind) => kind switch
    {
        TenantKind.Partner => Partner,
        TenantKind.Organization => Organization,
        _ => Api,
    };
}
