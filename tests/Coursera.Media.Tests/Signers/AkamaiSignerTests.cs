using Coursera.Media.Playback.Signers;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Coursera.Media.Tests.Signers;

/// <summary>Akamai EdgeAuth ACL tokens, against the answers of Akamai's EdgeAuth-Token libraries.</summary>
public sealed class AkamaiSignerTests
{
    private static readonly Guid AssetId = Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

    // The key and start time of akamai/EdgeAuth-Token-Node, test/test_local.json.
    private static readonly MediaOptions.SigningKey SampleKey = new() { Id = "akamai", Secret = "7a5c2be9f42a1f32cd889d1cf775f05d0cd162bd2871d00fe705ab28c9bba5a5" };
    private static readonly DateTimeOffset SampleStart = DateTimeOffset.FromUnixTimeSeconds(1492404013);
    private static readonly DateTimeOffset SampleEnd = DateTimeOffset.FromUnixTimeSeconds(1493008813);

    [Fact]
    public void An_acl_token_is_the_one_edgeauth_publishes_for_the_same_key_times_and_acl()
    {
        // akamai/EdgeAuth-Token-Node, test/test_local.json, "atk2" (startTime 1492404013, windowSeconds 604800, acl ["/*"]).
        Assert.Equal(
            "st=1492404013~exp=1493008813~acl=/*~hmac=57cef6aa3c30939b3f599ee7b1bda3bd63c58937ff713d605d5139e449e09a3c",
            AkamaiSigner.AclToken("/*", SampleStart, SampleEnd, SampleKey));
    }

    [Fact]
    public void An_assets_folder_gets_the_hdnts_token_in_the_query_and_in_a_cookie_for_the_folder()
    {
        var folder = Signer("https://media.example.com/videos/", SampleStart, SampleKey).Sign(AssetId, SampleEnd);

        // Generated with Akamai's EdgeAuth for Node (npm akamai-edgeauth 0.2.0, the library of akamai/EdgeAuth-Token-Node):
        // new EdgeAuth({ key, startTime: 1492404013, endTime: 1493008813 }).generateACLToken("/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/*")
        const string Token = "st=1492404013~exp=1493008813~acl=/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/*"
            + "~hmac=fbe2c6bd54ef1f95e1554d4a9b484430764572940f3c93312dd2e196333b0612";
        Assert.Equal(new Uri("https://media.example.com/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/"), folder.BaseUrl);
        Assert.Equal("?hdnts=" + Token, folder.Query);
        var cookie = Assert.Single(folder.Cookies);
        Assert.Equal("hdnts", cookie.Name);
        Assert.Equal(Token, cookie.Value);
        Assert.Equal("media.example.com", cookie.Domain);
        Assert.Equal("/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/", cookie.Path);
        Assert.Equal(SampleEnd, cookie.ExpiresAt);
    }

    [Fact]
    public void The_acl_covers_segments_deeper_in_the_folder_and_no_other_assets_folder()
    {
        var folder = Signer("https://media.example.com/videos/", SampleStart, SampleKey).Sign(AssetId, SampleEnd);
        var acl = folder.Cookies[0].Value.Split('~').Single(f => f.StartsWith("acl=", StringComparison.Ordinal))["acl=".Length..];

        // Akamai's ACL '*' matches any characters, slashes included.
        Assert.Equal("/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/*", acl);
        Assert.StartsWith(acl.TrimEnd('*'), folder.UrlOf("720p/segment_00042.m4s").AbsolutePath, StringComparison.Ordinal);
        Assert.False($"/videos/{Guid.NewGuid()}/720p/segment_00042.m4s".StartsWith(acl.TrimEnd('*'), StringComparison.Ordinal));
    }

    [Fact]
    public void The_token_starts_now_and_expires_at_the_given_time_in_epoch_seconds()
    {
        var now = new DateTimeOffset(2026, 12, 3, 10, 0, 0, 250, TimeSpan.Zero);
        var expiresAt = now.AddHours(6);

        var folder = Signer("https://media.example.com/", now, SampleKey).Sign(AssetId, expiresAt);

        Assert.StartsWith($"?hdnts=st={now.ToUnixTimeSeconds()}~exp={expiresAt.ToUnixTimeSeconds()}~acl=/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/*~hmac=",
            folder.Query, StringComparison.Ordinal);
        Assert.Equal(expiresAt, folder.Cookies[0].ExpiresAt);
    }

    [Fact]
    public void During_a_rotation_tokens_are_signed_with_the_first_key()
    {
        var current = new MediaOptions.SigningKey { Id = "new", Secret = "52a152a152a152a152a152a152a1" };

        var folder = Signer("https://media.example.com/videos/", SampleStart, current, SampleKey).Sign(AssetId, SampleEnd);

        // Generated with npm akamai-edgeauth 0.2.0 with the key of mobilerider/EdgeAuth-Token-Golang's edgeauth_test.go
        // (52a152a152a152a152a152a152a1), the same times and acl.
        Assert.EndsWith("~hmac=8759088ca2cbe54790b4380d18d67885f820a94b9c56341396492843f026b8ea", folder.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_without_a_key_with_a_malformed_one_or_an_expiry_already_past_fails_clearly()
    {
        var none = Assert.Throws<InvalidOperationException>(() => Signer("https://media.example.com/", SampleStart).Sign(AssetId, SampleEnd));
        Assert.Contains("Media:Playback:Keys", none.Message, StringComparison.Ordinal);

        var notHex = Assert.Throws<InvalidOperationException>(() =>
            Signer("https://media.example.com/", SampleStart, new MediaOptions.SigningKey { Id = "akamai", Secret = "not-hex-at-all" }).Sign(AssetId, SampleEnd));
        Assert.Contains("akamai", notHex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-hex-at-all", notHex.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidOperationException>(() =>
            Signer("https://media.example.com/", SampleStart, new MediaOptions.SigningKey { Id = "akamai", Secret = "abc" }).Sign(AssetId, SampleEnd));
        Assert.Throws<InvalidOperationException>(() =>
            Signer("https://media.example.com/", SampleStart, new MediaOptions.SigningKey { Id = "akamai", Secret = "" }).Sign(AssetId, SampleEnd));
        Assert.Throws<ArgumentOutOfRangeException>(() => Signer("https://media.example.com/", SampleEnd, SampleKey).Sign(AssetId, SampleEnd));
    }

    private static AkamaiSigner Signer(string baseUrl, DateTimeOffset now, params MediaOptions.SigningKey[] keys)
    {
        var options = Options.Create(new MediaOptions());
        options.Value.Playback.BaseUrl = new Uri(baseUrl);
        options.Value.Playback.Keys.AddRange(keys);
        return new AkamaiSigner(options, new FakeTimeProvider(now));
    }
}
