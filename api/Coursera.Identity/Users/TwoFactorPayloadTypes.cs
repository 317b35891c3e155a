using Coursera.Identity.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Identity.Users;

public sealed class DisableTwoFactorPayloadType() : MutationPayloadType<UserType, User>("DisableTwoFactorPayload", "user");

public sealed class BeginTotpEnrollmentPayloadType : ObjectGraphType<TotpEnrollment>
{
    public BeginTotpEnrollmentPayloadType()
    {
        Name = "BeginTotpEnrollmentPayload";
        Field<StringGraphType>("sharedKey").Description("The base32 key, for typing into an authenticator app.").Resolve(c => c.Source.SharedKey);
        Field<StringGraphType>("authenticatorUri").Description("otpauth://totp/… for a QR code.").Resolve(c => c.Source.AuthenticatorUri);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public abstract class RecoveryCodesPayloadType : ObjectGraphType<RecoveryCodes>
{
    protected RecoveryCodesPayloadType(string name)
    {
        Name = name;
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("recoveryCodes").Description("Each works once; shown this once.")
            .Resolve(c => c.Source.Codes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class ConfirmTotpEnrollmentPayloadType() : RecoveryCodesPayloadType("ConfirmTotpEnrollmentPayload");

public sealed class RegenerateRecoveryCodesPayloadType() : RecoveryCodesPayloadType("RegenerateRecoveryCodesPayload");
