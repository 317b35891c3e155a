using Coursera.Media.Playback.Signers;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Tests.Signers;

/// <summary>Cloud CDN signed URL prefixes and signed cookies, against the answers Google's own samples publish.</summary>
public sealed class GoogleCdnSignerTests
{
    private static readonly Guid AssetId = Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

    // The fixed key and time of GoogleCloudPlatform/python-docs-samples, cdn/snippets_test.py.
    private static readonly MediaOptions.SigningKey SamplesKey = new() { Id = "my-key", Secret = "nZtRohdNF9m3cKM24IcK4w==" };
    private static readonly DateTimeOffset SamplesExpiry = DateTimeOffset.FromUnixTimeSeconds(1549751401);

    [Fact]
    public void A_url_prefix_signs_to_the_answers_of_googles_java_and_python_samples()
    {
        // GoogleCloudPlatform/java-docs-samples, cdn/signed-urls/src/test/java/com/google/cdn/SignedUrlWithPrefixTest.java
        Assert.Equal(
            "URLPrefix=aHR0cHM6Ly9tZWRpYS5leGFtcGxlLmNvbS92aWRlb3Mv&Expires=1518135754&KeyName=my-key&Signature=SPov5sp5XKefUpuJaqUckinUO_4=",
            GoogleCdnSigner.SignUrlPrefix("https://media.example.com/videos/", new() { Id = "my-key", Secret = "aaaaaaaaaaaaaaaaaaaaaa==" },
                DateTimeOffset.FromUnixTimeSeconds(1518135754)));

        // GoogleCloudPlatform/python-docs-samples, cdn/snippets_test.py, test_sign_url_prefix: the prefix keeps its
        // base64 padding ("=" and "==") and is signed with it.
        Assert.Equal(
            "URLPrefix=aHR0cDovLzM1LjE4Ni4yMzQuMzMv&Expires=1549751401&KeyName=my-key&Signature=j7HYgoQ8dIOVsW3Rw4cpkjWfRMA=",
            GoogleCdnSigner.SignUrlPrefix("http://35.186.234.33/", SamplesKey, SamplesExpiry));
        Assert.Equal(
            "URLPrefix=aHR0cDovL3d3dy5leGFtcGxlLmNvbS8=&Expires=1549751401&KeyName=my-key&Signature=UdT5nVks6Hh8QFMJI9kmXuXYBk0=",
            GoogleCdnSigner.SignUrlPrefix("http://www.example.com/", SamplesKey, SamplesExpiry));
        Assert.Equal(
            "URLPrefix=aHR0cDovL3d3dy5leGFtcGxlLmNvbS9zb21lLw==&Expires=1549751401&KeyName=my-key&Signature=3th4ThmpS95I1TAKYyYSCSq3dnQ=",
            GoogleCdnSigner.SignUrlPrefix("http://www.example.com/some/", SamplesKey, SamplesExpiry));
    }

    [Fact]
    public void A_signed_cookie_signs_the_colon_joined_policy_to_the_answers_of_googles_java_and_python_samples()
    {
        // GoogleCloudPlatform/java-docs-samples, cdn/signed-urls/src/test/java/com/google/cdn/SignedCookiesTest.java
        Assert.Equal(
            "URLPrefix=aHR0cHM6Ly9tZWRpYS5leGFtcGxlLmNvbS92aWRlb3Mv:Expires=1518135754:KeyName=my-key:Signature=c2oZduDcTH36_bCbO-hEoaLc_5o=",
            GoogleCdnCookieSigner.SignCookie("https://media.example.com/videos/", new() { Id = "my-key", Secret = "aaaaaaaaaaaaaaaaaaaaaa==" },
                DateTimeOffset.FromUnixTimeSeconds(1518135754)));

        // GoogleCloudPlatform/python-docs-samples, cdn/snippets_test.py, test_sign_cookie
        Assert.Equal(
            "URLPrefix=aHR0cDovLzM1LjE4Ni4yMzQuMzMvaW5kZXguaHRtbA==:Expires=1549751401:KeyName=my-key:Signature=uImwlOBCPs91mlCyG9vyyZRrNWU=",
            GoogleCdnCookieSigner.SignCookie("http://35.186.234.33/index.html", SamplesKey, SamplesExpiry));
        Assert.Equal(
            "URLPrefix=aHR0cDovL3d3dy5leGFtcGxlLmNvbS9mb28v:Expires=1549751401:KeyName=my-key:Signature=Z9uYAu73YHioRScZDxnP-TnS274=",
            GoogleCdnCookieSigner.SignCookie("http://www.example.com/foo/", SamplesKey, SamplesExpiry));
    }

    [Fact]
    public void An_assets_folder_is_signed_as_a_url_prefix_that_the_player_appends_to_every_file()
    {
        var folder = Signer("https://media.example.com/videos/", SamplesKey).Sign(AssetId, SamplesExpiry);

        Assert.Equal(new Uri("https://media.example.com/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/"), folder.BaseUrl);

        // Computed with the reference code of GoogleCloudPlatform/python-docs-samples, cdn/snippets.py (sign_url_prefix),
        // for url_prefix "https://media.example.com/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/", the samples' key and time.
        Assert.Equal(
            "?URLPrefix=aHR0cHM6Ly9tZWRpYS5leGFtcGxlLmNvbS92aWRlb3MvZjgxZDRmYWUtN2RlYy0xMWQwLWE3NjUtMDBhMGM5MWU2YmY2Lw=="
            + "&Expires=1549751401&KeyName=my-key&Signature=U3bKAbBPCsLPgjzZ6MmCGQzoOks=",
            folder.Query);
        Assert.Empty(folder.Cookies);
    }

    [Fact]
    public void The_url_prefix_covers_segments_deeper_in_the_folder_and_no_other_assets_folder()
    {
        var folder = Signer("https://media.example.com/videos/", SamplesKey).Sign(AssetId, SamplesExpiry);
        var prefix = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Field(folder.Query, "URLPrefix")));
        var segment = folder.UrlOf("720p/segment_00042.m4s");

        // Cloud CDN matches the request URL against the prefix as text.
        Assert.Equal("https://media.example.com/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/", prefix);
        Assert.StartsWith(prefix, segment.AbsoluteUri, StringComparison.Ordinal);
        Assert.EndsWith(folder.Query, segment.AbsoluteUri, StringComparison.Ordinal);
        Assert.False(new Uri($"https://media.example.com/videos/{Guid.NewGuid()}/720p/segment_00042.m4s").AbsoluteUri.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void The_expiry_is_the_given_time_in_epoch_seconds()
    {
        var expiresAt = new DateTimeOffset(2026, 12, 3, 17, 30, 15, 999, TimeSpan.FromHours(1));

        var folder = Signer("https://media.example.com/videos/", SamplesKey).Sign(AssetId, expiresAt);

        Assert.Equal(expiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Field(folder.Query, "Expires"));
        Assert.Equal("1796315415", Field(folder.Query, "Expires"));
    }

    [Fact]
    public void The_port_is_left_out_of_the_prefix_as_cloud_cdn_computes_it()
    {
        var folder = Signer("http://media.example.com:8080/videos/", SamplesKey).Sign(AssetId, SamplesExpiry);

        // Computed with the reference code of python-docs-samples cdn/snippets.py (sign_url_prefix) for url_prefix
        // "http://media.example.com/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/": https://cloud.google.com/cdn/docs/using-signed-cookies
        // says to omit the port from the prefix.
        Assert.Equal(
            "?URLPrefix=aHR0cDovL21lZGlhLmV4YW1wbGUuY29tL3ZpZGVvcy9mODFkNGZhZS03ZGVjLTExZDAtYTc2NS0wMGEwYzkxZTZiZjYv"
            + "&Expires=1549751401&KeyName=my-key&Signature=dVUp0yvqvF5J5rB9DfCD-K3dkf8=",
            folder.Query);
    }

    [Fact]
    public void During_a_rotation_urls_are_signed_with_the_first_key()
    {
        var options = Options.Create(new MediaOptions());
        options.Value.Playback.BaseUrl = new Uri("https://media.example.com/videos/");
        options.Value.Playback.Keys.Add(new() { Id = "key-2026", Secret = "aaaaaaaaaaaaaaaaaaaaaa==" });
        options.Value.Playback.Keys.Add(SamplesKey);

        var folder = new GoogleCdnSigner(options).Sign(AssetId, SamplesExpiry);

        // Computed with the reference code of python-docs-samples cdn/snippets.py (sign_url_prefix) with the new key.
        Assert.Equal("key-2026", Field(folder.Query, "KeyName"));
        Assert.Equal("_VjhDhuYNsvIWfBhfq7CHEdv8a4=", Field(folder.Query, "Signature"));
    }

    [Fact]
    public void The_cookie_signer_issues_one_cloud_cdn_cookie_for_the_folder_and_no_query()
    {
        var options = Options.Create(new MediaOptions());
        options.Value.Playback.BaseUrl = new Uri("https://media.example.com/videos/");
        options.Value.Playback.Keys.Add(SamplesKey);
        var signer = new GoogleCdnCookieSigner(options);

        var folder = signer.Sign(AssetId, SamplesExpiry);

        Assert.Equal("google-cdn-cookies", signer.Name);
        Assert.Equal("", folder.Query);
        var cookie = Assert.Single(folder.Cookies);
        Assert.Equal("Cloud-CDN-Cookie", cookie.Name);

        // Computed with the reference code of python-docs-samples cdn/snippets.py (sign_cookie) for url_prefix
        // "https://media.example.com/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/", the samples' key and time.
        Assert.Equal(
            "URLPrefix=aHR0cHM6Ly9tZWRpYS5leGFtcGxlLmNvbS92aWRlb3MvZjgxZDRmYWUtN2RlYy0xMWQwLWE3NjUtMDBhMGM5MWU2YmY2Lw=="
            + ":Expires=1549751401:KeyName=my-key:Signature=grnCJle8RNecXbJYyfZ0GTLz4Mc=",
            cookie.Value);
        Assert.Equal("media.example.com", cookie.Domain);
        Assert.Equal("/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/", cookie.Path);
        Assert.Equal(SamplesExpiry, cookie.ExpiresAt);
    }

    [Fact]
    public void Signing_without_a_key_or_with_a_malformed_one_fails_clearly_without_showing_the_secret()
    {
        var none = Assert.Throws<InvalidOperationException>(() => Signer("https://media.example.com/videos/", null).Sign(AssetId, SamplesExpiry));
        Assert.Contains("Media:Playback:Keys", none.Message, StringComparison.Ordinal);

        var notBase64 = Assert.Throws<InvalidOperationException>(() =>
            Signer("https://media.example.com/videos/", new() { Id = "my-key", Secret = "not base64 at all!" }).Sign(AssetId, SamplesExpiry));
        Assert.Contains("my-key", notBase64.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not base64 at all", notBase64.Message, StringComparison.Ordinal);

        var tooLong = Assert.Throws<InvalidOperationException>(() =>
            Signer("https://media.example.com/videos/", new() { Id = "my-key", Secret = "BxwXXNjeGaoWqjr7GHEymRJkP4SaOC12dTGixk7Yr8I=" }).Sign(AssetId, SamplesExpiry));
        Assert.Contains("16", tooLong.Message, StringComparison.Ordinal);

        var badName = Assert.Throws<InvalidOperationException>(() =>
            Signer("https://media.example.com/videos/", new() { Id = "my key&x", Secret = SamplesKey.Secret }).Sign(AssetId, SamplesExpiry));
        Assert.Contains("key name", badName.Message, StringComparison.Ordinal);
    }

    private static GoogleCdnSigner Signer(string baseUrl, MediaOptions.SigningKey? key)
    {
        var options = Options.Create(new MediaOptions());
        options.Value.Playback.BaseUrl = new Uri(baseUrl);
        if (key is not null)
        {
            options.Value.Playback.Keys.Add(key);
        }

        return new GoogleCdnSigner(options);
    }

    private static string Field(string query, string name) =>
        query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1];
}
