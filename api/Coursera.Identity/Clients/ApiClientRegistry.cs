using System.Security.Cryptography;
using Coursera.Identity.Audit;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Clients;

/// <summary>
/// API clients of a tenant: created with chosen scopes and a generated secret that is returned once and stored only
/// hashed (by OpenIddict), rotated, revoked. Revoking also revokes every token issued to the client.
/// </summary>
public sealed class ApiClientRegistry(
    IdentityServiceDbContext db,
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    AuditLog audit)
{
    public sealed record Created(ApiClient Client, string Secret);

    public async Task<Created> CreateAsync(Tenant tenant, string name, IReadOnlyCollection<string> scopes, Guid? createdBy, CancellationToken cancellationToken,
        string? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        clientId ??= $"{tenant.Slug}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Introspection,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials,
            },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        var client = new ApiClient { ClientId = clientId, TenantId = tenant.Id, Name = name, Scopes = [.. scopes], CreatedBy = createdBy };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applications.CreateAsync(descriptor, cancellationToken);
        db.ApiClients.Add(client);
        audit.Add(AuditEvents.ApiClientCreated, actorUserId: createdBy, tenantId: tenant.Id, detail: $"{clientId} with {string.Join(' ', scopes)}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Created(client, secret);
    }

    /// <returns>The new secret; the old one stops working at once.</returns>
    public async Task<string> RotateSecretAsync(ApiClient client, Guid? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var application = await applications.FindByClientIdAsync(client.ClientId, cancellationToken)
            ?? throw new InvalidOperationException($"API client {client.ClientId} has no OpenIddict application.");
        var secret = NewSecret();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        client.SecretRotatedAt = DateTime.UtcNow;
        audit.Add(AuditEvents.ApiClientSecretRotated, actorUserId: actor, tenantId: client.TenantId, detail: client.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return secret;
    }

    /// <summary>
    /// The client can no longer get tokens, and the tokens it holds are revoked: introspection says inactive at once.
    /// An access token is a self-contained JWT, so a service that only checks its signature accepts it until it expires
    /// (15 minutes at most).
    /// </summary>
    public async Task RevokeAsync(ApiClient client, Guid? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } application)
        {
            var applicationId = await applications.GetIdAsync(application, cancellationToken);
            // Read first: revoking saves through the same context the query would still be streaming from.
            var issued = await tokens.FindByApplicationIdAsync(applicationId!, cancellationToken).ToListAsync(cancellationToken);
            foreach (var token in issued)
            {
                await tokens.TryRevokeAsync(token, cancellationToken);
            }

            // Kept (its tokens reference it) but stripped of every permission: the token endpoint refuses it.
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, cancellationToken);
            descriptor.Permissions.Clear();
            await applications.UpdateAsync(application, descriptor, cancellationToken);
        }

        client.RevokedAt = DateTime.UtcNow;
        audit.Add(AuditEvents.ApiClientRevoked, actorUserId: actor, tenantId: client.TenantId, detail: client.ClientId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<ApiClient?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        db.ApiClients.Include(c => c.Tenant).SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);

    /// <summary>256 random bits, base64url: long enough that a secret cannot be guessed, short enough to paste.</summary>
    private static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
