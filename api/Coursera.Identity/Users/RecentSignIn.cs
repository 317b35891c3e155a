using Coursera.ServiceDefaults.Authentication;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Coursera.Identity.Users;

/// <summary>
/// Operations that could keep an account once taken over (second factor on or off, recovery codes, API client
/// secrets) ask for a sign-in no older than <see cref="IdentityServiceOptions.ReauthenticationWindow"/>: a stolen
/// access token, or one refreshed for days, is not enough. The client answers <see cref="Code"/> by running the
/// authorization request again with <c>max_age=0</c> (or <c>prompt=login</c>) and retrying with the new token.
/// </summary>
public sealed class RecentSignIn(IOptionsMonitor<IdentityServiceOptions> options, TimeProvider time)
{
    public const string Code = "REAUTHENTICATION_REQUIRED";

    public void Ensure(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.SignedInWithin(options.CurrentValue.ReauthenticationWindow, time.GetUtcNow()))
        {
            throw new ExecutionError("Sign in again first: this needs a recent sign-in (authorize again with max_age=0).") { Code = Code };
        }
    }
}
