using System.Globalization;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Coursera.Identity.Account;

/// <summary>
/// The authenticator app's codes (TOTP, RFC 6238), each accepted once: the 30-second step of the last accepted code is
/// remembered per user (<c>identity.user_tokens</c>), and a code of that step or an earlier one is refused, so a code
/// seen over a shoulder or in a proxy log cannot be used again (RFC 6238 §5.2). One step of clock drift either way.
/// </summary>
public sealed class OneTimeAuthenticatorCodes(TimeProvider clock) : AuthenticatorTokenProvider<User>
{
    private const string LoginProvider = "[Coursera]";
    private const string LastStepName = "TotpLastStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (last is not null && long.TryParse(last, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }

        // The user row's concurrency stamp makes two requests racing with the same code end with one success.
        var remembered = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        return remembered.Succeeded;
    }
}
