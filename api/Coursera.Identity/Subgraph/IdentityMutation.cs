using Coursera.Identity.Clients;
using Coursera.Identity.Tenants;
using Coursera.Identity.Users;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Identity.Subgraph;

/// <summary>Tenant administration and the caller's own two-factor settings: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class IdentityMutation : ObjectGraphType
{
    public IdentityMutation()
    {
        Name = "Mutation";
        this.Mutation<InviteUserPayloadType, InviteUserInput, TenantAdministration>("inviteUser",
            "Invites a person to a role in a tenant, by mail. Someone with an account accepts while signed in; someone without one gets an account and a link to choose a password. The answer is the same either way.",
            async (s, i, caller, ct) => await s.InviteAsync(i, caller, ct));
        this.Mutation<AssignRolePayloadType, RoleInput, TenantAdministration>("assignRole", "Another role for someone who is already an active member.",
            async (s, i, caller, ct) => await s.AssignRoleAsync(i, caller, ct));
        this.Mutation<AcceptTenantInvitationPayloadType, TenantInvitationInput, TenantInvitations>("acceptTenantInvitation",
            "The signed-in user joins the tenant that invited them: the role counts from their next token.",
            async (s, i, caller, ct) => await s.AcceptAsync(i, caller, ct));
        this.Mutation<DeclineTenantInvitationPayloadType, TenantInvitationInput, TenantInvitations>("declineTenantInvitation",
            "The signed-in user turns an invitation down; the tenant never sees their account.", async (s, i, caller, ct) => await s.DeclineAsync(i, caller, ct));
        this.Mutation<RemoveRolePayloadType, RoleInput, TenantAdministration>("removeRole", "A tenant keeps at least one administrator.",
            async (s, i, caller, ct) => await s.RemoveRoleAsync(i, caller, ct));
        this.Mutation<CreateApiClientPayloadType, CreateApiClientInput, TenantAdministration>("createApiClient",
            "A client-credentials client of the tenant with the chosen scopes; the secret is in this response only.",
            async (s, i, caller, ct) => await s.CreateApiClientAsync(i, caller, ct));
        this.Mutation<RotateApiClientSecretPayloadType, ApiClientInput, TenantAdministration>("rotateApiClientSecret",
            "A new secret; the old one stops working at once.", async (s, i, caller, ct) => await s.RotateApiClientSecretAsync(i, caller, ct));
        this.Mutation<RevokeApiClientPayloadType, ApiClientInput, TenantAdministration>("revokeApiClient",
            "The client gets no more tokens and the ones it holds are revoked.", async (s, i, caller, ct) => await s.RevokeApiClientAsync(i, caller, ct));

        Field<NonNullGraphType<BeginTotpEnrollmentPayloadType>>("beginTotpEnrollment")
            .Description("Starts two-factor enrolment: a key for the authenticator app. Nothing changes until confirmTotpEnrollment.")
            .ResolveAsync(async c => await c.Service<AccountSecurity>().BeginTotpEnrollmentAsync(c.Caller(), c.CancellationToken));
        this.Mutation<ConfirmTotpEnrollmentPayloadType, TwoFactorCodeInput, AccountSecurity>("confirmTotpEnrollment",
            "Turns two-factor authentication on with a code from the app, and returns recovery codes.",
            async (s, i, caller, ct) => await s.ConfirmTotpEnrollmentAsync(i, caller, ct));
        this.Mutation<DisableTwoFactorPayloadType, TwoFactorCodeInput, AccountSecurity>("disableTwoFactor", null,
            async (s, i, caller, ct) => await s.DisableAsync(i, caller, ct));
        this.Mutation<RegenerateRecoveryCodesPayloadType, TwoFactorCodeInput, AccountSecurity>("regenerateRecoveryCodes",
            "New recovery codes; the old ones stop working.", async (s, i, caller, ct) => await s.RegenerateRecoveryCodesAsync(i, caller, ct));
    }
}
