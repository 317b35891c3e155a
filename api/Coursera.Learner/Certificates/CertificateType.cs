using Coursera.Learner.Enrollments;
using Coursera.Learner.Model;
using Coursera.Learner.Subgraph;
using Coursera.Subgraphs;
using GraphQL.Types;

namespace Coursera.Learner.Certificates;

/// <summary>A certificate as anyone with its code may see and check it.</summary>
public sealed class CertificateType : ObjectGraphType<Certificate>
{
    public CertificateType()
    {
        Name = "Certificate";
        Field<NonNullGraphType<StringGraphType>>("code").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("learnerName").Resolve(c => c.Source.LearnerName);
        Field<NonNullGraphType<CourseEnrollmentsType>>("course").Resolve(c => new CourseReference(c.Source.CourseId));
        Field<NonNullGraphType<StringGraphType>>("courseTitle").Description("The course's title when the certificate was issued.").Resolve(c => c.Source.CourseTitle);
        Field<NonNullGraphType<IdGraphType>>("partnerId").Resolve(c => c.Source.PartnerId);
        Field<NonNullGraphType<DateTimeGraphType>>("issuedAt").Resolve(c => c.Source.IssuedAt);
        Field<NonNullGraphType<BooleanGraphType>>("revoked").Resolve(c => c.Source.RevokedAt is not null);
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt);
        Field<StringGraphType>("revocationReason").Resolve(c => c.Source.RevocationReason);
        Field<NonNullGraphType<StringGraphType>>("signedPayload")
            .Description("The canonical JSON (RFC 8785 rules) of what the certificate states: the bytes the signature covers.")
            .Resolve(c => CertificateIssuer.CanonicalFormOf(c.Source));
        Field<NonNullGraphType<StringGraphType>>("signature").Description("RS256 over signedPayload (UTF-8), base64url.").Resolve(c => c.Source.Signature);
        Field<NonNullGraphType<StringGraphType>>("keyId").Description("The kid of the key in /.well-known/certificate-keys.json.").Resolve(c => c.Source.KeyId);
        Field<NonNullGraphType<BooleanGraphType>>("valid")
            .Description("The signature matches and the certificate is not revoked.")
            .Resolve(c => c.Source.RevokedAt is null && c.Service<CertificateIssuer>().HasValidSignature(c.Source));
    }
}
