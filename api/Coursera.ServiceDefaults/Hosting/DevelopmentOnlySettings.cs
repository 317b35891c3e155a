using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Coursera.ServiceDefaults.Hosting;

/// <summary>
/// Settings that make a laptop convenient and a public deployment dangerous: sample accounts with known passwords,
/// their credentials written to a file, webhooks allowed into the private network. Outside Development a service
/// refuses to start with any of them unless <c>{setting}OutsideDevelopment</c> says it is meant
/// (<c>Identity:SeedOutsideDevelopment=true</c>), so a development script run in production does not open them.
/// </summary>
public static class DevelopmentOnlySettings
{
    public const string Suffix = "OutsideDevelopment";

    /// <summary>The settings, and whether a value turns them on (a flag that is true, or a path that is set).</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["Identity:Seed", "Catalog:Seed", "Learner:Seed", "Identity:DevCredentialsPath", "Webhooks:AllowPrivateTargets"];

    public static void Ensure(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            return;
        }

        var refused = Keys.Where(key => IsOn(configuration[key]) && !configuration.GetValue<bool>(key + Suffix)).ToList();
        if (refused.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", refused)} {(refused.Count == 1 ? "is a development setting" : "are development settings")} and the " +
                $"environment is {environment.EnvironmentName}. Remove {(refused.Count == 1 ? "it" : "them")}, or confirm with " +
                $"{string.Join(", ", refused.Select(k => k + Suffix + "=true"))}.");
        }
    }

    private static bool IsOn(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !(bool.TryParse(value, out var flag) && !flag);
}
