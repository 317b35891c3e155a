namespace PartnerPublisher;

/// <summary>Command-line options, each of the first three falling back to an environment variable.</summary>
public sealed record Options(Uri BaseUrl, string ClientId, string ClientSecret, string CourseFile, string? Slug, Uri WebUrl)
{
    public const string Usage = """
        usage: PartnerPublisher [--url URL] [--client-id ID] [--client-secret SECRET] [--course FILE] [--slug SLUG] [--web-url URL]
          --url            the platform, e.g. http://127.0.0.1:5000 (or COURSERA_URL)
          --client-id      a partner API client with catalog:write, e.g. partner-northfield (or COURSERA_CLIENT_ID)
          --client-secret  its secret (or COURSERA_CLIENT_SECRET)
          --course         the course outline; course.json beside the program by default
          --slug           the course's slug; the outline's slug with a random suffix by default
          --web-url        where learners open courses; the platform's address by default
        """;

    public static Options? Parse(string[] args)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                return null;
            }

            given[args[i][2..]] = args[i + 1];
        }

        string? Get(string name, string? variable = null) =>
            given.GetValueOrDefault(name) ?? (variable is null ? null : Environment.GetEnvironmentVariable(variable));

        var url = Get("url", "COURSERA_URL");
        var clientId = Get("client-id", "COURSERA_CLIENT_ID");
        var clientSecret = Get("client-secret", "COURSERA_CLIENT_SECRET");
        if (url is null || clientId is null || clientSecret is null || given.Keys.Except(["url", "client-id", "client-secret", "course", "slug", "web-url"]).Any())
        {
            return null;
        }

        // A trailing slash, so that relative paths (connect/token, graphql) go below the base URL.
        static Uri Base(string url) => new(url.TrimEnd('/') + "/");
        return new Options(Base(url), clientId, clientSecret, Get("course") ?? Path.Combine(AppContext.BaseDirectory, "course.json"),
            Get("slug"), Base(Get("web-url") ?? url));
    }
}
