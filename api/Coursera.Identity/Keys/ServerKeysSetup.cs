using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Coursera.Identity.Keys;

/// <summary>
/// Gives the OpenID Connect server its keys when its options are first built, not at start-up registration: a host
/// that never serves identity (the schema export) needs no keys.
/// </summary>
internal sealed class ServerKeysSetup(IConfiguration configuration, IHostEnvironment environment, TimeProvider time)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var keys = IdentityKeys.Load(configuration, environment, time);
        foreach (var key in keys.Signing)
        {
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }

        options.EncryptionCredentials.Add(new EncryptingCredentials(keys.Encryption, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }
}
