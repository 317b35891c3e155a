using Coursera.Identity.Data;
using Coursera.Identity.Keys;
using Coursera.Learner;
using Coursera.Learner.Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coursera.Identity.Tests;

/// <summary>
/// Key material on disk (review F16): the folders a service makes for its keys and generated credentials are readable
/// by its own user only (0700), and so are the files (0600), from the moment they exist.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KeyFileTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _root = Directory.CreateTempSubdirectory("coursera-key-files").FullName;

    [Fact]
    public void Identity_signing_and_encryption_keys_are_made_in_an_owner_only_folder()
    {
        var folder = Path.Combine(_root, "identity-keys");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:KeysPath"] = folder }).Build();
        IdentityKeys.Load(configuration, new Environment(), TimeProvider.System);

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task Development_credentials_are_written_owner_only_into_an_owner_only_folder()
    {
        var path = Path.Combine(_root, "data", "dev-credentials.json");
        await new DevCredentials("https://issuer.example", [], [], []).WriteAsync(path, CancellationToken.None);

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
    }

    [Fact]
    public void The_certificate_signing_key_is_made_in_an_owner_only_folder()
    {
        var folder = Path.Combine(_root, "learner-keys");
        using var keys = new CertificateKeys(Options.Create(new LearnerOptions { KeysPath = folder }), new Environment());

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(folder))));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
