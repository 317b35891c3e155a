using Coursera.GraphQL.UserErrors;
using Coursera.Identity.Administration;
using Coursera.Identity.Model;
using GraphQL.Types;

namespace Coursera.Identity.GraphQL.Types;

public sealed class InviteUserPayloadType() : MutationPayloadType<MembershipType, Membership>("InviteUserPayload", "membership");

public sealed class AssignRolePayloadType() : MutationPayloadType<MembershipType, Membership>("AssignRolePayload", "membership");

/// <summary>The membership that was removed.</summary>
public sealed class RemoveRolePayloadType() : MutationPayloadType<MembershipType, Membership>("RemoveRolePayload", "membership");

public sealed class RevokeApiClientPayloadType() : MutationPayloadType<ApiClientType, ApiClient>("RevokeApiClientPayload", "apiClient");

public sealed class DisableTwoFactorPayloadType() : MutationPayloadType<UserType, User>("DisableTwoFactorPayload", "user");

/// <summary><c>createApiClient</c> and <c>rotateApiClientSecret</c>: the client and its secret, shown this once.</summary>
public abstract class ApiClientSecretPayloadType : ObjectGraphType<ApiClientSecretPayload>
{
    protected ApiClientSecretPayloadType(string name)
    {
        Name = name;
        Field<ApiClientType>("apiClient").Resolve(c => c.Source.Client);
        Field<StringGraphType>("clientSecret").Description("Shown only in this response; store it now. Only its hash is kept.")
            .Resolve(c => c.Source.ClientSecret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class CreateApiClientPayloadType() : ApiClientSecretPayloadType("CreateApiClientPayload");

public sealed class RotateApiClientSecretPayloadType() : ApiClientSecretPayloadType("RotateApiClientSecretPayload");

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
