
namespace Coursera.Identity.Users;

public sealed class TwoFactorCodeInput
{
    /// <summary>A code from the authenticator app, or a recovery code.</summary>
    public required string Code { get; set; }
}
