using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Coursera.Media.Playback;
using Coursera.Media.Playback.Signers;
using Microsoft.Extensions.Options;

namespace Coursera.Media.Tests.Signers;

/// <summary>
/// CloudFront custom-policy URLs and cookies. AWS publishes no signature for a fixed key, so the policy and the encoding
/// are checked against the forms AWS documents, and the signature is verified with the public half of a key made here
/// (RSA-SHA1 with PKCS#1 v1.5 padding is deterministic, so verifying it is as strict as comparing it).
/// </summary>
public sealed class CloudFrontSignerTests
{
    private static readonly Guid AssetId = Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");

    // "January 1, 2013 10:00 am UTC converts to 1357034400 in Unix time format": AWS's own example
    // (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-custom-policy.html, DateLessThan).
    private static readonly DateTimeOffset AwsExampleExpiry = new(2013, 1, 1, 10, 0, 0, TimeSpan.Zero);

    // The policy AWS's example "all objects in a directory" grants, without its optional IpAddress condition, written
    // with no whitespace as AWS requires: the form of the canned policy statement
    // (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-creating-signed-url-canned-policy.html).
    private const string AssetPolicy =
        """{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/*","Condition":{"DateLessThan":{"AWS:EpochTime":1357034400}}}]}""";

    // Keys made for the test run: no key is committed.
    private static readonly RSA Current = RSA.Create(2048);
    private static readonly RSA Previous = RSA.Create(2048);

    [Fact]
    public void The_policy_is_awss_statement_with_a_wildcard_resource_and_the_expiry_in_epoch_seconds_without_whitespace()
    {
        Assert.Equal(
            """{"Statement":[{"Resource":"http://d111111abcdef8.cloudfront.net/training/*","Condition":{"DateLessThan":{"AWS:EpochTime":1357034400}}}]}""",
            CloudFrontSigner.PolicyFor("http://d111111abcdef8.cloudfront.net/training/*", AwsExampleExpiry));
        Assert.Equal(
            """{"Statement":[{"Resource":"http://d111111abcdef8.cloudfront.net/training/*","Condition":{"DateLessThan":{"AWS:EpochTime":1357034400}}}]}""",
            CloudFrontSigner.PolicyFor("http://d111111abcdef8.cloudfront.net/training/*", AwsExampleExpiry.AddMilliseconds(999)));
    }

    [Fact]
    public void Base64_replaces_plus_equals_and_slash_with_the_characters_aws_substitutes()
    {
        // AWS: "tr -- '+=/' '-_~'" (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-linux-openssl.html).
        byte[] bytes = [0xfb, 0xff, 0xbf, 0x00];
        Assert.Equal("+/+/AA==", Convert.ToBase64String(bytes));
        Assert.Equal("-~-~AA__", CloudFrontSigner.ToCloudFrontBase64(bytes));
    }

    [Fact]
    public void The_query_carries_the_exact_policy_its_rsa_sha1_signature_and_the_key_pair_id()
    {
        var signer = Signer(Key("K2JCJMDEHXQW5F", Current.ExportPkcs8PrivateKeyPem()));

        var folder = signer.Sign(AssetId, AwsExampleExpiry);

        Assert.Equal("cloudfront", signer.Name);
        Assert.Equal(new Uri("https://d111111abcdef8.cloudfront.net/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/"), folder.BaseUrl);
        Assert.Empty(folder.Cookies);
        Assert.Equal(["Policy", "Signature", "Key-Pair-Id"], folder.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)[0]));
        Assert.Equal(AssetPolicy, Encoding.UTF8.GetString(FromCloudFrontBase64(Field(folder.Query, "Policy"))));
        Assert.True(Current.VerifyData(Encoding.UTF8.GetBytes(AssetPolicy), FromCloudFrontBase64(Field(folder.Query, "Signature")),
            HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        Assert.Equal("K2JCJMDEHXQW5F", Field(folder.Query, "Key-Pair-Id"));
        Assert.DoesNotMatch("[+/=]", Field(folder.Query, "Policy") + Field(folder.Query, "Signature"));
    }

    [Fact]
    public void The_signature_does_not_verify_for_another_policy()
    {
        var folder = Signer(Key("K2JCJMDEHXQW5F", Current.ExportPkcs8PrivateKeyPem())).Sign(AssetId, AwsExampleExpiry);
        var signature = FromCloudFrontBase64(Field(folder.Query, "Signature"));

        Assert.False(Current.VerifyData(Encoding.UTF8.GetBytes(AssetPolicy.Replace("1357034400", "1357034401", StringComparison.Ordinal)), signature,
            HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        Assert.False(Current.VerifyData(Encoding.UTF8.GetBytes(AssetPolicy), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void The_wildcard_resource_covers_segments_deeper_in_the_folder_and_no_other_assets_folder()
    {
        var folder = Signer(Key("K2JCJMDEHXQW5F", Current.ExportPkcs8PrivateKeyPem())).Sign(AssetId, AwsExampleExpiry);
        var policy = Encoding.UTF8.GetString(FromCloudFrontBase64(Field(folder.Query, "Policy")));
        var resource = Regex.Match(policy, "\"Resource\":\"([^\"]+)\"").Groups[1].Value;

        // CloudFront's '*' matches zero or more characters, slashes included; the query is not part of the match here
        // because the policy's resource has none.
        var covers = new Regex("^" + Regex.Escape(resource).Replace(@"\*", ".*", StringComparison.Ordinal) + "$");
        var segment = folder.UrlOf("720p/segment_00042.m4s");
        Assert.Matches(covers, segment.GetLeftPart(UriPartial.Path));
        Assert.Matches(covers, folder.UrlOf("master.m3u8").GetLeftPart(UriPartial.Path));
        Assert.DoesNotMatch(covers, $"https://d111111abcdef8.cloudfront.net/videos/{Guid.NewGuid()}/720p/segment_00042.m4s");
        Assert.EndsWith(folder.Query, segment.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pkcs1_rsa_private_key_pem_signs_as_well_as_a_pkcs8_one()
    {
        var folder = Signer(Key("K2JCJMDEHXQW5F", Current.ExportRSAPrivateKeyPem())).Sign(AssetId, AwsExampleExpiry);

        Assert.True(Current.VerifyData(Encoding.UTF8.GetBytes(AssetPolicy), FromCloudFrontBase64(Field(folder.Query, "Signature")),
            HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void During_a_rotation_urls_are_signed_with_the_first_key()
    {
        var folder = Signer(Key("KNEW", Current.ExportPkcs8PrivateKeyPem()), Key("KOLD", Previous.ExportPkcs8PrivateKeyPem()))
            .Sign(AssetId, AwsExampleExpiry);
        var signature = FromCloudFrontBase64(Field(folder.Query, "Signature"));

        Assert.Equal("KNEW", Field(folder.Query, "Key-Pair-Id"));
        Assert.True(Current.VerifyData(Encoding.UTF8.GetBytes(AssetPolicy), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        Assert.False(Previous.VerifyData(Encoding.UTF8.GetBytes(AssetPolicy), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void The_cookie_signer_sets_the_three_cloudfront_cookies_for_the_folder_until_the_expiry_and_no_query()
    {
        var options = Options(Key("K2JCJMDEHXQW5F", Current.ExportPkcs8PrivateKeyPem()));
        options.Value.Playback.BaseUrl = new Uri("https://d111111abcdef8.cloudfront.net/videos");
        var signer = new CloudFrontCookieSigner(options);

        var folder = signer.Sign(AssetId, AwsExampleExpiry);

        Assert.Equal("cloudfront-cookies", signer.Name);
        Assert.Equal("", folder.Query);
        Assert.Equal(new Uri("https://d111111abcdef8.cloudfront.net/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/"), folder.BaseUrl);
        Assert.Equal(["CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id"], folder.Cookies.Select(c => c.Name));
        Assert.All(folder.Cookies, c =>
        {
            Assert.Equal("d111111abcdef8.cloudfront.net", c.Domain);
            Assert.Equal("/videos/f81d4fae-7dec-11d0-a765-00a0c91e6bf6/", c.Path);
            Assert.Equal(AwsExampleExpiry, c.ExpiresAt);
        });
        Assert.Equal(AssetPolicy, Encoding.UTF8.GetString(FromCloudFrontBase64(Cookie(folder, "CloudFront-Policy"))));
        Assert.True(Current.VerifyData(Encoding.UTF8.GetBytes(AssetPolicy), FromCloudFrontBase64(Cookie(folder, "CloudFront-Signature")),
            HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        Assert.Equal("K2JCJMDEHXQW5F", Cookie(folder, "CloudFront-Key-Pair-Id"));
    }

    [Fact]
    public void Signing_without_a_key_or_with_one_that_is_not_an_rsa_private_key_fails_clearly_without_showing_it()
    {
        var none = Assert.Throws<InvalidOperationException>(() => Signer().Sign(AssetId, AwsExampleExpiry));
        Assert.Contains("Media:Playback:Keys", none.Message, StringComparison.Ordinal);

        var garbage = Assert.Throws<InvalidOperationException>(() => Signer(Key("KBAD", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")).Sign(AssetId, AwsExampleExpiry));
        Assert.Contains("KBAD", garbage.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", garbage.Message, StringComparison.Ordinal);

        var publicOnly = Assert.Throws<InvalidOperationException>(() =>
            Signer(Key("KPUB", Current.ExportSubjectPublicKeyInfoPem())).Sign(AssetId, AwsExampleExpiry));
        Assert.Contains("KPUB", publicOnly.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidOperationException>(() => Signer(Key("", Current.ExportPkcs8PrivateKeyPem())).Sign(AssetId, AwsExampleExpiry));
    }

    private static MediaOptions.SigningKey Key(string id, string pem) => new() { Id = id, Secret = pem };

    private static IOptions<MediaOptions> Options(params MediaOptions.SigningKey[] keys)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new MediaOptions());
        options.Value.Playback.BaseUrl = new Uri("https://d111111abcdef8.cloudfront.net/videos/");
        options.Value.Playback.Keys.AddRange(keys);
        return options;
    }

    private static CloudFrontSigner Signer(params MediaOptions.SigningKey[] keys) => new(Options(keys));

    // The inverse of AWS's substitutions, written apart from the signer's encoder.
    private static byte[] FromCloudFrontBase64(string value) =>
        Convert.FromBase64String(value.Replace('-', '+').Replace('_', '=').Replace('~', '/'));

    private static string Field(string query, string name) =>
        query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1];

    private static string Cookie(SignedFolder folder, string name) => folder.Cookies.Single(c => c.Name == name).Value;
}
