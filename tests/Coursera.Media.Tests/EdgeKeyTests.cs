using System.Net;
using System.Security.Cryptography;
using Coursera.Media.Playback;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Tests;

/// <summary>The reference edge's keys: a rotation accepts the old and the new key, a removed or unknown key is refused.</summary>
public sealed class EdgeKeyTests : IAsyncLifetime
{
    private readonly string _storage = ReferenceEdge.ReadableFolder();
    private readonly string _old = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _new = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly Guid _asset = Guid.CreateVersion7();
    private static readonly HttpClient Http = new();

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(_storage, "assets", _asset.ToString(), "out");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "master.m3u8"), "#EXTM3U\n");
    }

    [Fact]
    public async Task During_a_rotation_urls_signed_with_either_key_play_and_once_the_old_key_is_gone_its_urls_are_refused()
    {
        await using (var rotating = new ReferenceEdge(_storage, $"new:{_new}", $"old:{_old}"))
        {
            await rotating.StartAsync();
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotating, "new", _new, DateTimeOffset.UtcNow.AddHours(1)));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotating, "old", _old, DateTimeOffset.UtcNow.AddHours(1)));
        }

        await using var rotated = new ReferenceEdge(_storage, $"new:{_new}");
        await rotated.StartAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotated, "new", _new, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(rotated, "old", _old, DateTimeOffset.UtcNow.AddHours(1)));

        // A key id the edge never had, and the right key under the wrong name.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(rotated, "other", _new, DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(rotated, "new", _old, DateTimeOffset.UtcNow.AddHours(1)));

        // A second past its expiry is too late.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(rotated, "new", _new, DateTimeOffset.UtcNow.AddSeconds(-1)));
    }

    [Theory]
    [InlineData("k.1")]
    [InlineData("")]
    [InlineData("a key")]
    public void A_key_id_the_edge_could_not_read_is_refused_when_signing_not_answered_with_urls_that_never_play(string keyId)
    {
        var signer = new EdgeSigner(Options.Create(new MediaOptions { Playback = new() { Keys = [new() { Id = keyId, Secret = _new }] } }));

        Assert.Throws<InvalidOperationException>(() => signer.Sign(_asset, DateTimeOffset.UtcNow.AddHours(1)));
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_storage, recursive: true);
        await Task.CompletedTask;
    }

    private async Task<HttpStatusCode> StatusAsync(ReferenceEdge edge, string keyId, string secret, DateTimeOffset expiresAt)
    {
        var signer = new EdgeSigner(Options.Create(new MediaOptions
        {
            Playback = new() { BaseUrl = edge.BaseUrl, Keys = [new() { Id = keyId, Secret = secret }] },
        }));
        using var response = await Http.GetAsync(signer.Sign(_asset, expiresAt).UrlOf("master.m3u8"));
        return response.StatusCode;
    }
}
