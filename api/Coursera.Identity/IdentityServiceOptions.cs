namespace Coursera.Identity;

/// <summary>
/// The identity service's settings, bound from the <c>Identity</c> configuration section (<c>MigrateOnStart</c> and
/// <c>Seed</c> in the same section are its store's). Named apart from ASP.NET Core Identity's <c>IdentityOptions</c>.
/// </summary>
public sealed class IdentityServiceOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer tokens carry, e.g. <c>https://learn.coursera.example/</c>; the request's origin when unset.</summary>
    public string? Issuer { get; set; }

    /// <summary>Where account mail links point; <see cref="Issuer"/> when unset, never the request's Host header.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Refuse plain HTTP; on by default outside Development.</summary>
    public bool? RequireHttps { get; set; }

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How old a sign-in may be for two-factor changes and API client secrets (see Users/RecentSignIn.cs).</summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);

    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>PEM RSA private keys, the first signing, the others still published during a rotation (production).</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>32 base64 bytes beside <see cref="SigningKeys"/>.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Where keys are generated and rotated when none are configured (development).</summary>
    public string? KeysPath { get; set; }

    public TimeSpan SigningKeyLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Where the seed writes the development accounts' generated passwords and secrets.</summary>
    public string? DevCredentialsPath { get; set; }

    public sealed class LockoutSettings
    {
        public int MaxFailedAttempts { get; set; } = 5;

        public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
    }

    public static IdentityServiceOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<IdentityServiceOptions>() ?? new IdentityServiceOptions();
}
