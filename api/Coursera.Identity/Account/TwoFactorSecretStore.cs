using System.Security.Cryptography;
using System.Text;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Coursera.Identity.Account;

/// <summary>
/// ASP.NET Core Identity's user store, except for the two-factor secrets in <c>identity.user_tokens</c>: the TOTP
/// shared key is kept encrypted (Data Protection, a purpose of its own), and recovery codes only as salted PBKDF2
/// hashes, so a copy of the database gives neither codes for an authenticator nor codes to sign in with. Values
/// written before this (a plain key, plain codes) are still read, and are replaced the next time they are written.
/// </summary>
public sealed class TwoFactorSecretStore(IdentityServiceDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<User, IdentityServiceDbContext, Guid>(context, describer)
{
    // UserStoreBase keeps these names private; the rows are the same ones it has always used.
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string AuthenticatorKeyName = "AuthenticatorKey";
    private const string RecoveryCodesName = "RecoveryCodes";

    private const string ProtectedPrefix = "dp:";
    private const string HashPrefix = "pbkdf2:";

    // Recovery codes carry about 46 bits; the iterations make guessing them from a stolen hash expensive, yet
    // checking ten at sign-in stays quick.
    private const int Iterations = 20_000;

    private readonly IDataProtector _keys = protection.CreateProtector("Coursera.Identity.AuthenticatorKeys");

    public override async Task<string?> GetAuthenticatorKeyAsync(User user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyName, cancellationToken);
        return stored is not null && stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal) ? _keys.Unprotect(stored[ProtectedPrefix.Length..]) : stored;
    }

    public override Task SetAuthenticatorKeyAsync(User user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyName, ProtectedPrefix + _keys.Protect(key), cancellationToken);

    public override Task ReplaceCodesAsync(User user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        StoreCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(User user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await StoredCodesAsync(user, cancellationToken);
        var match = stored.FindIndex(entry => Matches(entry, code));
        if (match < 0)
        {
            return false;
        }

        stored.RemoveAt(match);
        await StoreCodesAsync(user, stored, cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(User user, CancellationToken cancellationToken) =>
        (await StoredCodesAsync(user, cancellationToken)).Count;

    private async Task<List<string>> StoredCodesAsync(User user, CancellationToken cancellationToken) =>
        [.. ((await GetTokenAsync(user, InternalLoginProvider, RecoveryCodesName, cancellationToken)) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)];

    private Task StoreCodesAsync(User user, IEnumerable<string> entries, CancellationToken cancellationToken) =>
        SetTokenAsync(user, InternalLoginProvider, RecoveryCodesName, string.Join(";", entries), cancellationToken);

    private static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{HashPrefix}{Convert.ToBase64String(salt)}:{Convert.ToBase64String(Derive(code, salt))}";
    }

    private static bool Matches(string entry, string code)
    {
        if (!entry.StartsWith(HashPrefix, StringComparison.Ordinal))
        {
            // A code stored in plain text before hashing.
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry), Encoding.UTF8.GetBytes(code));
        }

        var parts = entry[HashPrefix.Length..].Split(':');
        return parts.Length == 2
            && CryptographicOperations.FixedTimeEquals(Derive(code, Convert.FromBase64String(parts[0])), Convert.FromBase64String(parts[1]));
    }

    private static byte[] Derive(string code, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(code, salt, Iterations, HashAlgorithmName.SHA256, 32);
}
