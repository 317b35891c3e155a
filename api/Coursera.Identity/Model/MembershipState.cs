namespace Coursera.Identity.Model;

/// <summary>
/// Whether a membership is in force. A tenant administrator only invites; the person accepts while signed in (or, for
/// an account the invitation created, by choosing a password from the mailed link and signing in). Until then the
/// membership gives no role, no claim and no sight of the person to the tenant.
/// </summary>
public enum MembershipState
{
    Invited,
    Active,
}
