using System.Security.Cryptography;
using System.Text.Json;
using Coursera.Learner.Certificates;
using Coursera.Learner.Model;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coursera.Learner.Tests;

/// <summary>
/// Rotating the certificate signing key: certificates signed with the key used before still verify once it is listed in
/// <c>Learner:PreviousCertificateKeys</c>, and both keys are published, so anyone checking a printed certificate keeps
/// finding its key; a key that was dropped verifies nothing.
/// </summary>
public sealed class CertificateKeyRotationTests
{
    [Fact]
    public void A_certificate_signed_before_a_rotation_verifies_after_it_and_both_keys_are_published()
    {
        using var oldKey = RSA.Create(2048);
        using var newKey = RSA.Create(2048);
        var certificate = SignedWith(oldKey.ExportPkcs8PrivateKeyPem());

        using var rotated = Keys(newKey.ExportPkcs8PrivateKeyPem(), oldKey.ExportSubjectPublicKeyInfoPem());
        using var dropped = Keys(newKey.ExportPkcs8PrivateKeyPem());

        Assert.NotEqual(certificate.KeyId, rotated.KeyId);
        Assert.True(Verifies(rotated, certificate));
        Assert.False(Verifies(dropped, certificate));
        var published = JsonSerializer.SerializeToNode(rotated.Jwks)!["keys"]!.AsArray().Select(k => k!["kid"]!.GetValue<string>()).ToList();
        Assert.Equal([rotated.KeyId, certificate.KeyId], published);
        Assert.Single(JsonSerializer.SerializeToNode(dropped.Jwks)!["keys"]!.AsArray());
    }

    [Fact]
    public void A_certificate_whose_fields_changed_or_that_names_another_published_key_does_not_verify()
    {
        using var oldKey = RSA.Create(2048);
        using var newKey = RSA.Create(2048);
        var certificate = SignedWith(oldKey.ExportPkcs8PrivateKeyPem());
        using var rotated = Keys(newKey.ExportPkcs8PrivateKeyPem(), oldKey.ExportSubjectPublicKeyInfoPem());

        var renamed = Copy(certificate);
        renamed.LearnerName = "Someone Else";
        var otherKey = Copy(certificate);
        otherKey.KeyId = rotated.KeyId;

        Assert.False(Verifies(rotated, renamed));
        Assert.False(Verifies(rotated, otherKey));
    }

    private static Certificate SignedWith(string privatePem)
    {
        using var keys = Keys(privatePem);
        var certificate = new Certificate
        {
            Code = "ABCDEFGH2345",
            LearnerId = Guid.CreateVersion7(),
            EnrollmentId = Guid.CreateVersion7(),
            LearnerName = "Ada Learner",
            CourseId = Guid.CreateVersion7(),
            CourseTitle = "Machine Learning Foundations",
            PartnerId = Guid.CreateVersion7(),
            IssuedAt = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc),
            KeyId = keys.KeyId,
            Signature = "",
        };
        certificate.Signature = keys.Sign(CertificateIssuer.CanonicalFormOf(certificate));
        return certificate;
    }

    private static Certificate Copy(Certificate c) => new()
    {
        Code = c.Code, LearnerId = c.LearnerId, EnrollmentId = c.EnrollmentId, LearnerName = c.LearnerName, CourseId = c.CourseId,
        CourseTitle = c.CourseTitle, PartnerId = c.PartnerId, IssuedAt = c.IssuedAt, KeyId = c.KeyId, Signature = c.Signature,
    };

    private static CertificateKeys Keys(string signingPem, params string[] previous) =>
        new(Options.Create(new LearnerOptions { CertificateSigningKey = signingPem, PreviousCertificateKeys = [.. previous] }), new Production());

    /// <summary>What <see cref="CertificateIssuer.HasValidSignature"/> decides: the named key's signature over the stated fields.</summary>
    private static bool Verifies(CertificateKeys keys, Certificate certificate) =>
        keys.Verify(certificate.KeyId, CertificateIssuer.CanonicalFormOf(certificate), certificate.Signature);

    private sealed class Production : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "learner";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
