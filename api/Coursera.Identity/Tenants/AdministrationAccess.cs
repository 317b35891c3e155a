using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coursera.Identity.Tenants;

/// <summary>
/// Who may administer a tenant (its administrators, and platform administrators) and change an account's security
/// settings (its owner). Both only through our own applications: a token a user gave to a third-party application
/// (explicit consent) never manages accounts, roles or API clients, whatever scopes it holds.
/// </summary>
public sealed class AdministrationAccess(IServiceScopeFactory scopes)
{
    private readonly Lock _gate = new();
    private Task<bool>? _firstParty;

    public async Task<Guid> EnsureAccountOwnerAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId is not { } userId)
        {
            throw caller.IsAuthenticated
                ? GraphQLErrors.Forbidden("Only a signed-in user manages their own account.")
                : GraphQLErrors.Unauthenticated("Sign in first.");
        }

        await EnsureFirstPartyAsync(caller, cancellationToken);
        return userId;
    }

    /// <returns>The administrator's user id.</returns>
    public async Task<Guid> EnsureTenantAdministratorAsync(Caller caller, Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var userId = await EnsureAccountOwnerAsync(caller, cancellationToken);
        if (!caller.IsPlatformAdmin && !caller.HasRole(tenant.Id, TenantRoles.AdministratorOf(tenant.Kind)))
        {
            throw GraphQLErrors.Forbidden("Only the tenant's administrators and platform administrators may do this.");
        }

        return userId;
    }

    /// <summary>
    /// Decided from the token alone, before anything is looked up: a caller who administers no tenant of this id gets
    /// FORBIDDEN whether it exists or not (<paramref name="tenantId"/> null when the thing asked about does not exist).
    /// </summary>
    public async Task EnsureMayAdministerAsync(Caller caller, Guid? tenantId, CancellationToken cancellationToken)
    {
        await EnsureAccountOwnerAsync(caller, cancellationToken);
        if (!caller.IsPlatformAdmin && !(tenantId is { } id
            && (caller.HasRole(id, TenantRoles.PartnerAdmin) || caller.HasRole(id, TenantRoles.OrganizationAdmin))))
        {
            throw GraphQLErrors.Forbidden("Only the tenant's administrators and platform administrators may do this.");
        }
    }

    public async Task<Guid> EnsurePlatformAdministratorAsync(Caller caller, CancellationToken cancellationToken)
    {
        var userId = await EnsureAccountOwnerAsync(caller, cancellationToken);
        if (!caller.IsPlatformAdmin)
        {
            throw GraphQLErrors.Forbidden("Only platform administrators may do this.");
        }

        return userId;
    }

    /// <summary>The token was issued to one of our own applications (implicit consent), not to a third party.</summary>
    public Task<bool> IsFirstPartyAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Asked once per request: sibling resolvers check at the same time, and the lookup's DbContext serves one at a time.
        lock (_gate)
        {
            return _firstParty ??= IsFirstPartyClientAsync(caller.ClientId, cancellationToken);
        }
    }

    private async Task EnsureFirstPartyAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!await IsFirstPartyAsync(caller, cancellationToken))
        {
            throw GraphQLErrors.Forbidden("Accounts, roles and API clients are managed through Coursera's own applications only.");
        }
    }

    private async Task<bool> IsFirstPartyClientAsync(string? clientId, CancellationToken cancellationToken)
    {
        // A scope of its own: the request's DbContext may be busy with the resolver that asked.
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = clientId is null ? null : await applications.FindByClientIdAsync(clientId, cancellationToken);
        return application is not null && await applications.GetConsentTypeAsync(application, cancellationToken) == ConsentTypes.Implicit;
    }
}
