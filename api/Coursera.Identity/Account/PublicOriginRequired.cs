using Microsoft.Extensions.Options;

namespace Coursera.Identity.Account;

/// <summary>
/// Outside Development the service does not start without <c>Identity:PublicOrigin</c> or <c>Identity:Issuer</c>:
/// without them, account mail links and the token issuer would come from the request's Host header, which the caller
/// chooses (a reset link to an attacker's server hands them the token).
/// </summary>
public sealed class PublicOriginRequired(IHostEnvironment environment) : IValidateOptions<IdentityServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return environment.IsDevelopment() || !string.IsNullOrWhiteSpace(options.PublicOrigin) || !string.IsNullOrWhiteSpace(options.Issuer)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Set Identity:PublicOrigin (where account mail links point) or Identity:Issuer outside Development (environment '{environment.EnvironmentName}'): "
                + "links must never be built from the request's Host header.");
    }
}
