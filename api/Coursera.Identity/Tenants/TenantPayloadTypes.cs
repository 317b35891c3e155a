using Coursera.Identity.Model;
using Coursera.Subgraphs.UserErrors;

namespace Coursera.Identity.Tenants;

public sealed class InviteUserPayloadType() : MutationPayloadType<MembershipType, Membership>("InviteUserPayload", "membership");

public sealed class AssignRolePayloadType() : MutationPayloadType<MembershipType, Membership>("AssignRolePayload", "membership");

/// <summary>The membership that was removed.</summary>
public sealed class RemoveRolePayloadType() : MutationPayloadType<MembershipType, Membership>("RemoveRolePayload", "membership");

/// <summary>The membership, now in force.</summary>
public sealed class AcceptTenantInvitationPayloadType() : MutationPayloadType<MembershipType, Membership>("AcceptTenantInvitationPayload", "membership");

/// <summary>The invitation that was declined (and no longer exists).</summary>
public sealed class DeclineTenantInvitationPayloadType() : MutationPayloadType<MembershipType, Membership>("DeclineTenantInvitationPayload", "membership");
