using Coursera.Testing;

namespace Coursera.Gateway.Tests;

/// <summary>
/// The benchmark federation behind a gateway that counts in the test Redis, under <see cref="KeyPrefix"/>: two of them
/// given the same prefix are two instances of one deployment.
/// </summary>
public sealed class RateLimitedFederation(string keyPrefix, IDictionary<string, string?> gatewaySettings, string? redis = null) : BenchmarkFederationOverHttp
{
    public string KeyPrefix => keyPrefix;

    // Limits do not depend on the environment; Development needs no key-ring certificate.
    protected override string Environment => Microsoft.Extensions.Hosting.Environments.Development;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["ConnectionStrings:Redis"] = redis ?? TestInfrastructure.Redis;
        settings["RateLimiting:KeyPrefix"] = keyPrefix;
        foreach (var (key, value) in gatewaySettings)
        {
            settings[key] = value;
        }
    }

    public static string NewKeyPrefix() => $"test:rate:{Guid.NewGuid():N}";
}
