using Coursera.Identity.Account;
using Coursera.Identity.Audit;
using Coursera.Identity.Clients;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.Identity.Users;
using Coursera.ServiceDefaults.Authentication;
using Coursera.ServiceDefaults.Mail;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coursera.Identity.Tenants;

/// <summary>
/// What a tenant administrator does: invite people, give and take roles among the tenant's members, manage the
/// tenant's API clients. Every change is written with its audit record in one transaction; a refused change stores
/// nothing. Someone who may not administer a tenant learns nothing about it, not even whether it exists.
/// </summary>
public sealed class TenantAdministration(
    IdentityServiceDbContext db,
    UserManager<User> users,
    AdministrationAccess access,
    ApiClientRegistry apiClients,
    AuditLog audit,
    MailedLinks links,
    IMailSender mail,
    RecentSignIn recentSignIn,
    IOptionsMonitor<IdentityServiceOptions> options,
    IHttpContextAccessor http)
{
    public async Task<MutationPayload<Membership>> InviteAsync(InviteUserInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (tenant, actor) = await AdministeredAsync(input.TenantId, caller, cancellationToken);
        var errors = new List<UserError>();
        CheckRole(input.Role, tenant, caller, errors);
        var email = input.Email.Trim();
        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            errors.Add(UserError.For("INVALID_EMAIL", "Give a valid email address.", "email"));
        }

        if (errors.Count > 0)
        {
            return MutationPayload<Membership>.Refused(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Whether the address has an account changes what is mailed, never the answer: the administrator learns
        // neither that nor the account's id until the person accepts.
        var user = await users.FindByEmailAsync(email);
        var createdAccount = user is null;
        if (user is null)
        {
            // No password yet: the invitation's link lets the person choose one (the password-reset flow).
            user = new User { UserName = email, Email = email, DisplayName = input.DisplayName?.Trim() is { Length: > 0 } name ? name : email };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return MutationPayload<Membership>.Refused(created.Errors.Select(e => UserError.For("INVALID_USER", e.Description, "email")));
            }
        }

        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.TenantId == tenant.Id && m.Role == input.Role, cancellationToken))
        {
            return MutationPayload<Membership>.Refused(AlreadyMember);
        }

        var membership = Membership.Invitation(user.Id, tenant, input.Role, createdAccount);
        db.Memberships.Add(membership);
        audit.Add(AuditEvents.UserInvited, actorUserId: actor, subjectUserId: user.Id, tenantId: tenant.Id, detail: $"{email} as {input.Role}");
        if (!await SaveMembershipAsync(cancellationToken))
        {
            return MutationPayload<Membership>.Refused(AlreadyMember);
        }

        await transaction.CommitAsync(cancellationToken);

        if (createdAccount)
        {
            await links.SendPasswordResetAsync(http.HttpContext!, user);
        }
        else
        {
            await mail.SendAsync(InvitationMail.For(user, tenant, input.Role, options.CurrentValue.PublicOrigin ?? options.CurrentValue.Issuer),
                cancellationToken);
        }

        return MutationPayload<Membership>.Changed(membership);
    }

    public async Task<MutationPayload<Membership>> AssignRoleAsync(RoleInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (tenant, actor) = await AdministeredAsync(input.TenantId, caller, cancellationToken);
        var userId = Ids.Parse(input.UserId, "input.userId");
        var errors = new List<UserError>();
        CheckRole(input.Role, tenant, caller, errors);
        // Only among people who accepted to belong here: the same answer for an account elsewhere and for no account.
        var user = await db.Memberships.Where(m => m.UserId == userId && m.TenantId == tenant.Id && m.State == MembershipState.Active)
            .Select(m => m.User).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            errors.Add(UserError.For("NOT_FOUND", "No member of this tenant has this id.", "userId"));
        }
        else if (await db.Memberships.AnyAsync(m => m.UserId == userId && m.TenantId == tenant.Id && m.Role == input.Role, cancellationToken))
        {
            errors.Add(AlreadyMember);
        }

        if (errors.Count > 0)
        {
            return MutationPayload<Membership>.Refused(errors);
        }

        var membership = new Membership { UserId = userId, TenantId = tenant.Id, Role = input.Role, Tenant = tenant, User = user };
        db.Memberships.Add(membership);
        audit.Add(AuditEvents.RoleAssigned, actorUserId: actor, subjectUserId: userId, tenantId: tenant.Id, detail: input.Role);
        if (!await SaveMembershipAsync(cancellationToken))
        {
            return MutationPayload<Membership>.Refused(AlreadyMember);
        }

        return MutationPayload<Membership>.Changed(membership);
    }

    public async Task<MutationPayload<Membership>> RemoveRoleAsync(RoleInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (tenant, actor) = await AdministeredAsync(input.TenantId, caller, cancellationToken);
        var userId = Ids.Parse(input.UserId, "input.userId");
        // Serializable: two administrators removing each other at once must not leave the tenant with none.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var membership = await db.Memberships.Include(m => m.Tenant).Include(m => m.User)
            .SingleOrDefaultAsync(m => m.UserId == userId && m.TenantId == tenant.Id && m.Role == input.Role, cancellationToken);
        if (membership is null)
        {
            return MutationPayload<Membership>.Refused(UserError.For("NOT_FOUND", "This person does not hold that role here.", "role"));
        }

        // A tenant never loses its last administrator by mistake: it would be left with nobody to manage it.
        if (membership.Role == TenantRoles.AdministratorOf(tenant.Kind)
            && membership.IsActive
            && await db.Memberships.CountAsync(m => m.TenantId == tenant.Id && m.Role == membership.Role && m.State == MembershipState.Active,
                cancellationToken) == 1)
        {
            return MutationPayload<Membership>.Refused(UserError.For("LAST_ADMINISTRATOR", "A tenant keeps at least one administrator.", "role"));
        }

        db.Memberships.Remove(membership);
        audit.Add(AuditEvents.RoleRemoved, actorUserId: actor, subjectUserId: userId, tenantId: tenant.Id, detail: input.Role);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.SerializationFailure } }
            or PostgresException { SqlState: PostgresErrorCodes.SerializationFailure })
        {
            return MutationPayload<Membership>.Refused(UserError.For("CONFLICT", "Roles of this tenant changed at the same moment; try again.", "role"));
        }

        return MutationPayload<Membership>.Changed(membership);
    }

    public async Task<ApiClientSecretPayload> CreateApiClientAsync(CreateApiClientInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (tenant, actor) = await AdministeredAsync(input.TenantId, caller, cancellationToken);
        recentSignIn.Ensure(caller);
        var errors = new List<UserError>();
        var name = input.Name.Trim();
        if (name.Length is 0 or > 200)
        {
            errors.Add(UserError.For("INVALID_NAME", "A client's name has 1 to 200 characters.", "name"));
        }

        var allowed = ApiScopes.For(tenant.Kind);
        var scopes = input.Scopes.Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0 || scopes.Any(s => !allowed.Contains(s)))
        {
            errors.Add(UserError.For("INVALID_SCOPES", $"Choose one or more of: {string.Join(", ", allowed)}.", "scopes"));
        }

        if (errors.Count > 0)
        {
            return ApiClientSecretPayload.Refused(errors);
        }

        var created = await apiClients.CreateAsync(tenant, name, scopes, actor, cancellationToken);
        return new ApiClientSecretPayload(created.Client, created.Secret, []);
    }

    public async Task<ApiClientSecretPayload> RotateApiClientSecretAsync(ApiClientInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (client, actor, refused) = await ManagedClientAsync(input.ClientId, caller, cancellationToken);
        if (refused is not null)
        {
            return ApiClientSecretPayload.Refused([refused]);
        }

        recentSignIn.Ensure(caller);

        var secret = await apiClients.RotateSecretAsync(client!, actor, cancellationToken);
        return new ApiClientSecretPayload(client, secret, []);
    }

    public async Task<MutationPayload<ApiClient>> RevokeApiClientAsync(ApiClientInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (client, actor, refused) = await ManagedClientAsync(input.ClientId, caller, cancellationToken);
        if (refused is not null)
        {
            return MutationPayload<ApiClient>.Refused(refused);
        }

        await apiClients.RevokeAsync(client!, actor, cancellationToken);
        return MutationPayload<ApiClient>.Changed(client!);
    }

    /// <summary>The tenant, after checking the caller administers it; members and clients are only shown to them.</summary>
    public async Task<Tenant> AdministeredTenantAsync(string tenantId, Caller caller, CancellationToken cancellationToken) =>
        (await AdministeredAsync(tenantId, caller, cancellationToken)).Tenant;

    /// <summary>
    /// The tenant and the administrator's user id. Permission is decided from the token before the tenant is looked
    /// up, so whoever may not administer it gets the same FORBIDDEN for a tenant of others and for no tenant at all.
    /// </summary>
    private async Task<(Tenant Tenant, Guid Actor)> AdministeredAsync(string rawId, Caller caller, CancellationToken cancellationToken)
    {
        var id = Ids.Parse(rawId, "input.tenantId");
        await access.EnsureMayAdministerAsync(caller, id, cancellationToken);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw GraphQLErrors.NotFound("No tenant has this id.");
        return (tenant, await access.EnsureTenantAdministratorAsync(caller, tenant, cancellationToken));
    }

    private async Task<(ApiClient? Client, Guid Actor, UserError? Refused)> ManagedClientAsync(string clientId, Caller caller,
        CancellationToken cancellationToken)
    {
        var client = await apiClients.FindAsync(clientId, cancellationToken);
        // Permission first, then existence: only platform administrators hear that a client id is unknown; anyone else
        // gets the same FORBIDDEN for another tenant's client and for none.
        await access.EnsureMayAdministerAsync(caller, client?.TenantId, cancellationToken);
        if (client?.Tenant is null)
        {
            return (null, default, UserError.For("NOT_FOUND", "No API client has this id.", "clientId"));
        }

        var actor = await access.EnsureTenantAdministratorAsync(caller, client.Tenant, cancellationToken);
        return client.RevokedAt is not null
            ? (null, actor, UserError.For("REVOKED", "This API client was revoked.", "clientId"))
            : (client, actor, null);
    }

    private static UserError AlreadyMember => UserError.For("ALREADY_MEMBER", "This person already holds that role here.", "role");

    /// <returns>False when the same role was given at the same moment by someone else (the unique index has the last word).</returns>
    private async Task<bool> SaveMembershipAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    private static void CheckRole(string role, Tenant tenant, Caller caller, List<UserError> errors)
    {
        if (!TenantRoles.FitsTenant(role, tenant.Kind))
        {
            errors.Add(UserError.For("INVALID_ROLE", $"A {tenant.Kind.ToString().ToLowerInvariant()} tenant's roles are: "
                + string.Join(", ", TenantRoles.All.Where(r => TenantRoles.FitsTenant(r, tenant.Kind))) + ".", "role"));
        }
        else if (role == TenantRoles.PlatformAdmin && !caller.IsPlatformAdmin)
        {
            errors.Add(UserError.For("INVALID_ROLE", "Only platform administrators make platform administrators.", "role"));
        }
    }
}

/// <summary>A created or rotated API client with its secret, shown this once.</summary>
public sealed record ApiClientSecretPayload(ApiClient? Client, string? ClientSecret, IReadOnlyList<UserError> Errors)
{
    public static ApiClientSecretPayload Refused(IEnumerable<UserError> errors) => new(null, null, [.. errors]);
}
