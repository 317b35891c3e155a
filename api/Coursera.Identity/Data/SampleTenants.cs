namespace Coursera.Identity.Data;

/// <summary>
/// The tenants of the all-in-one host's sample data. The partner ids are the catalog seed's partner ids
/// (<c>CatalogSeed</c>), so the seeded staff and API clients act on the seeded courses; a host test checks both lists agree.
/// </summary>
public static class SampleTenants
{
    public static IReadOnlyList<(Guid Id, string Slug, string Name)> Partners { get; } =
    [
        (new Guid("01940000-0000-7000-8000-000000000001"), "northfield", "Northfield University"),
        (new Guid("01940000-0000-7000-8000-000000000002"), "lakeside-tech", "Lakeside Institute of Technology"),
        (new Guid("01940000-0000-7000-8000-000000000003"), "universidad-del-sol", "Universidad del Sol"),
        (new Guid("01940000-0000-7000-8000-000000000004"), "kings-bridge", "King's Bridge College London"),
    ];

    public static (string Slug, string Name) Organization { get; } = ("acme-corp", "Acme Corporation");

    public static (string Slug, string Name) Platform { get; } = ("coursera", "Coursera");

    public const string LearnerAppClientId = "coursera-learner-app";

    /// <summary>The platform's grading worker (client credentials, <c>grading:work</c>).</summary>
    public const string GradingWorkerClientId = "coursera-grading-worker";

    public static Uri LearnerAppRedirectUri { get; } = new("http://127.0.0.1:5173/callback");

    public static Uri LearnerAppPostLogoutUri { get; } = new("http://127.0.0.1:5173/");

    public const string PartnerPortalClientId = "coursera-partner-portal";

    public static Uri PartnerPortalRedirectUri { get; } = new("http://127.0.0.1:5174/callback");

    public static Uri PartnerPortalPostLogoutUri { get; } = new("http://127.0.0.1:5174/");

    /// <summary>
    /// GraphiQL, which the gateway serves to browsers at its GraphQL path in Development. It is registered only where the
    /// issuer is configured (run.sh): GraphiQL comes back to the GraphQL path of the issuer's own origin, the all-in-one host.
    /// </summary>
    public const string GraphiQLClientId = "coursera-graphiql";

    public const string GraphiQLPath = "/graphql";
}
