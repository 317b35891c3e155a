using Coursera.Identity.Audit;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Tenants;

/// <summary>
/// The invitee's side of an invitation: accepted or declined by the person while signed in through our own
/// applications, never by the tenant. An administrator who knows someone's address cannot make them a member, see
/// their account or put the tenant's claims in their tokens.
/// </summary>
public sealed class TenantInvitations(IdentityServiceDbContext db, AdministrationAccess access, AuditLog audit, TimeProvider time)
{
    public async Task<MutationPayload<Membership>> AcceptAsync(TenantInvitationInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var userId = await access.EnsureAccountOwnerAsync(caller, cancellationToken);
        var invitation = await PendingAsync(input.InvitationId, userId, cancellationToken);
        if (invitation is null)
        {
            return MutationPayload<Membership>.Refused(NoSuchInvitation);
        }

        invitation.Accept(time.GetUtcNow().UtcDateTime);
        audit.Add(AuditEvents.InvitationAccepted, actorUserId: userId, subjectUserId: userId, tenantId: invitation.TenantId, detail: invitation.Role);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Membership>.Changed(invitation);
    }

    /// <summary>The invitation is gone; the tenant may invite again, and the person may decline again.</summary>
    public async Task<MutationPayload<Membership>> DeclineAsync(TenantInvitationInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var userId = await access.EnsureAccountOwnerAsync(caller, cancellationToken);
        var invitation = await PendingAsync(input.InvitationId, userId, cancellationToken);
        if (invitation is null)
        {
            return MutationPayload<Membership>.Refused(NoSuchInvitation);
        }

        db.Memberships.Remove(invitation);
        audit.Add(AuditEvents.InvitationDeclined, actorUserId: userId, subjectUserId: userId, tenantId: invitation.TenantId, detail: invitation.Role);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<Membership>.Changed(invitation);
    }

    /// <summary>
    /// At a sign-in: the invitations that created this account are accepted, since only someone who read the mailed
    /// link could choose its password.
    /// </summary>
    public async Task AcceptMailedAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var invitations = await db.Memberships
            .Where(m => m.UserId == user.Id && m.State == MembershipState.Invited && m.AcceptedAtFirstSignIn).ToListAsync(cancellationToken);
        if (invitations.Count == 0)
        {
            return;
        }

        foreach (var invitation in invitations)
        {
            invitation.Accept(time.GetUtcNow().UtcDateTime);
            audit.Add(AuditEvents.InvitationAccepted, actorUserId: user.Id, subjectUserId: user.Id, tenantId: invitation.TenantId, detail: invitation.Role);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Membership?> PendingAsync(string rawId, Guid userId, CancellationToken cancellationToken)
    {
        var id = Ids.Parse(rawId, "input.invitationId");
        return await db.Memberships.Include(m => m.Tenant).Include(m => m.User)
            .SingleOrDefaultAsync(m => m.Id == id && m.UserId == userId && m.State == MembershipState.Invited, cancellationToken);
    }

    private static UserError NoSuchInvitation => UserError.For("NOT_FOUND", "You have no open invitation with this id.", "invitationId");
}
