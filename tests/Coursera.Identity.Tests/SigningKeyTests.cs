using Coursera.Identity.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;

namespace Coursera.Identity.Tests;

/// <summary>Signing keys kept on disk: made on first run, kept across restarts, rotated when old, the previous one still published.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-keys").FullName;

    [Fact]
    public void A_key_is_made_once_kept_across_restarts_and_replaced_after_its_lifetime_with_the_old_one_still_published()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var first = Load(start);
        Assert.Single(first.Signing);
        Assert.Equal(first.Signing[0].KeyId, Load(start.AddDays(30)).Signing[0].KeyId);
        Assert.Equal(first.Encryption.Key, Load(start.AddDays(30)).Encryption.Key);

        var rotated = Load(start.AddDays(91));
        Assert.Equal(2, rotated.Signing.Count);
        Assert.NotEqual(first.Signing[0].KeyId, rotated.Signing[0].KeyId);
        Assert.Equal(first.Signing[0].KeyId, rotated.Signing[1].KeyId);

        // Two rotations later the first key is no longer published.
        var later = Load(start.AddDays(182));
        Assert.DoesNotContain(later.Signing, k => k.KeyId == first.Signing[0].KeyId);
    }

    [Fact]
    public void Production_without_configured_keys_refuses_to_start()
    {
        var configuration = new ConfigurationBuilder().Build();
        var refused = Assert.Throws<InvalidOperationException>(() => IdentityKeys.Load(configuration, new Environment("Production"), TimeProvider.System));
        Assert.Contains("Identity:SigningKeys", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private IdentityKeys Load(DateTimeOffset now)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:KeysPath"] = _folder }).Build();
        return IdentityKeys.Load(configuration, new Environment("Production"), new FixedTime(now));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
