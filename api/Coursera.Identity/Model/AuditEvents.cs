namespace Coursera.Identity.Model;

/// <summary>The security events the audit log records.</summary>
public static class AuditEvents
{
    public const string SignInSucceeded = "sign_in.succeeded";
    public const string SignInFailed = "sign_in.failed";
    public const string LockedOut = "sign_in.locked_out";
    public const string MfaEnabled = "mfa.enabled";
    public const string MfaDisabled = "mfa.disabled";
    public const string RecoveryCodesGenerated = "mfa.recovery_codes_generated";
    public const string RoleAssigned = "role.assigned";
    public const string RoleRemoved = "role.removed";
    public const string UserInvited = "user.invited";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationDeclined = "invitation.declined";
    public const string ApiClientCreated = "api_client.created";
    public const string ApiClientSecretRotated = "api_client.secret_rotated";
    public const string ApiClientRevoked = "api_client.revoked";
    public const string TokenRevoked = "token.revoked";
    public const string PasswordReset = "password.reset";
    public const string AccountErased = "account.erased";
}
