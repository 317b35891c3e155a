namespace Coursera.Learner;

/// <summary>
/// The learner service's settings, bound from the <c>Learner</c> configuration section (<c>MigrateOnStart</c> and
/// <c>Seed</c> in the same section are its store's).
/// </summary>
public sealed class LearnerOptions
{
    public const string Section = "Learner";

    /// <summary>The PEM RSA key certificates are signed with (production).</summary>
    public string? CertificateSigningKey { get; set; }

    /// <summary>
    /// Keys certificates were signed with before <see cref="CertificateSigningKey"/> (PEM RSA keys, public or private;
    /// only the public part is used): certificates they signed still verify, and they stay published in the key set, so a
    /// rotation leaves every earlier certificate valid.
    /// </summary>
    public List<string> PreviousCertificateKeys { get; set; } = [];

    /// <summary>Where development keys are generated on first run.</summary>
    public string? KeysPath { get; set; }

    /// <summary>The services that hold personal data: an export is ready when each has added its part.</summary>
    public List<string> PersonalDataServices { get; set; } = ["identity", "learner", "assessment"];

    /// <summary>Where a person invited to a program by email signs up or in; the invitation mail links to it.</summary>
    public string? InvitationUrl { get; set; }

    /// <summary>Below this many, everyone but the course's staff sees <c>enrollmentCount</c> rounded to it.</summary>
    public int EnrollmentCountRounding { get; set; } = 10;

    /// <summary>How recently a learner must have signed in (the token's <c>auth_time</c>) to erase their own account.</summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an erased account's access tokens stay on the revocation list: at least an access token's lifetime
    /// (15 minutes), by which time identity has ended the account's refresh tokens too.
    /// </summary>
    public TimeSpan ErasedTokensRefusedFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many people an organization may invite to its programs (by email or user id) in a day, all programs together.</summary>
    public int InvitationsPerOrganizationPerDay { get; set; } = 5000;

    /// <summary>The share of a lecture's video a learner must have watched (VIDEO_POSITION) for the lecture to be complete.</summary>
    public double VideoCompletionShare { get; set; } = 0.9;
}
