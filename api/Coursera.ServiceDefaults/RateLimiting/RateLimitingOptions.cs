namespace Coursera.ServiceDefaults.RateLimiting;

/// <summary>
/// The request limits every instance shares through Redis, bound from the <c>RateLimiting</c> section (e.g.
/// <c>RateLimiting__SignIn__PerAddress=20</c>). Each policy counts requests in a fixed window per subject; 0 turns one
/// count off. The API defaults are far above what a person or the samples do, so only floods meet them; the sign-in
/// and registration pages are tight, since every request there costs a password hash or sends a mail.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Off leaves every request unlimited (one instance behind a proxy that limits already, say).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Start of every Redis key the limits use: instances that share it share their counts. A test fixture gives each
    /// host its own, so fixtures running at the same time on one Redis do not count each other's requests.
    /// </summary>
    public string KeyPrefix { get; set; } = "coursera:rate";

    /// <summary><c>/graphql</c> and <c>/v1</c>: anonymous callers per address, signed-in people per user, API clients per client.</summary>
    public RateLimitPolicyOptions Api { get; set; } = new() { PerAddress = 6_000, PerUser = 6_000, PerClient = 12_000 };

    /// <summary><c>/connect/token</c>: per address and per client id (each bad client secret costs a hash).</summary>
    public RateLimitPolicyOptions Token { get; set; } = new() { PerAddress = 300, PerClient = 300 };

    /// <summary>Form posts of the sign-in and two-factor pages: password spraying from one address, guessing at one account.</summary>
    public RateLimitPolicyOptions SignIn { get; set; } = new() { PerAddress = 20, PerAccount = 10 };

    /// <summary>Form posts of registration, forgot-password and reset-password: each sends a mail or checks a reset token.</summary>
    public RateLimitPolicyOptions Registration { get; set; } = new() { PerAddress = 10, PerAccount = 5 };

    /// <summary><c>/v1/certificates/{code}</c>, on top of <see cref="Api"/>: looking codes up one after another is guessing them.</summary>
    public RateLimitPolicyOptions Certificates { get; set; } = new() { PerAddress = 120 };
}

/// <summary>One policy's counts per window; 0 turns a count off.</summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>Requests per window from one client address (an IPv6 client counts by its /64).</summary>
    public int PerAddress { get; set; }

    /// <summary>Requests per window by one signed-in person (the token's subject).</summary>
    public int PerUser { get; set; }

    /// <summary>Requests per window by one API client (client credentials), or for one client id at the token endpoint.</summary>
    public int PerClient { get; set; }

    /// <summary>Form posts per window naming one account (the form's email), whoever sends them.</summary>
    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
