namespace Coursera.Identity.Model;

/// <summary>
/// A role a user holds in one tenant (<see cref="TenantRoles"/>); a user may hold several, in several tenants. It counts
/// only once <see cref="MembershipState.Active"/>: an invitation waits for the person's answer.
/// </summary>
public sealed class Membership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid UserId { get; init; }

    public required Guid TenantId { get; init; }

    public Tenant? Tenant { get; init; }

    public User? User { get; init; }

    public required string Role { get; init; }

    public MembershipState State { get; private set; } = MembershipState.Active;

    /// <summary>
    /// The invitation created the account: whoever chooses its password from the mailed link (and so reads that
    /// mailbox) and signs in has accepted, as before invitations had to be answered.
    /// </summary>
    public bool AcceptedAtFirstSignIn { get; init; }

    public DateTime CreatedAt { get; init; } = DateTime.UtcNow;

    public DateTime? AcceptedAt { get; private set; }

    public static Membership Invitation(Guid userId, Tenant tenant, string role, bool createdAccount) => new()
    {
        UserId = userId,
        TenantId = tenant.Id,
        Tenant = tenant,
        Role = role,
        State = MembershipState.Invited,
        AcceptedAtFirstSignIn = createdAccount,
    };

    public bool IsActive => State == MembershipState.Active;

    public void Accept(DateTime now)
    {
        State = MembershipState.Active;
        AcceptedAt = now;
    }
}
