using Coursera.Identity.Administration;
using Coursera.Identity.GraphQL.Types;
using Coursera.ServiceDefaults.Authentication;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Identity.GraphQL;

/// <summary>Tenant administration and the caller's own two-factor settings: <c>verbNoun(input): VerbNounPayload!</c>.</summary>
public sealed class IdentityMutation : ObjectGraphType
{
    public IdentityMutation()
    {
        Name = "Mutation";
        Mutation<InviteUserPayloadType, InviteUserInput, TenantAdministration>("inviteUser",
            "Gives a person a role in a tenant; someone without an account gets one and an email to choose a password.",
            (s, i, caller, ct) => AwaitAsync(s.InviteAsync(i, caller, ct)));
        Mutation<AssignRolePayloadType, RoleInput, TenantAdministration>("assignRole", null, (s, i, caller, ct) => AwaitAsync(s.AssignRoleAsync(i, caller, ct)));
        Mutation<RemoveRolePayloadType, RoleInput, TenantAdministration>("removeRole", "A tenant keeps at least one administrator.",
            (s, i, caller, ct) => AwaitAsync(s.RemoveRoleAsync(i, caller, ct)));
        Mutation<CreateApiClientPayloadType, CreateApiClientInput, TenantAdministration>("createApiClient",
            "A client-credentials client of the tenant with the chosen scopes; the secret is in this response only.",
            (s, i, caller, ct) => AwaitAsync(s.CreateApiClientAsync(i, caller, ct)));
        Mutation<RotateApiClientSecretPayloadType, ApiClientInput, TenantAdministration>("rotateApiClientSecret",
            "A new secret; the old one stops working at once.", (s, i, caller, ct) => AwaitAsync(s.RotateApiClientSecretAsync(i, caller, ct)));
        Mutation<RevokeApiClientPayloadType, ApiClientInput, TenantAdministration>("revokeApiClient",
            "The client gets no more tokens and the ones it holds are revoked.", (s, i, caller, ct) => AwaitAsync(s.RevokeApiClientAsync(i, caller, ct)));

        Field<NonNullGraphType<BeginTotpEnrollmentPayloadType>>("beginTotpEnrollment")
            .Description("Starts two-factor enrolment: a key for the authenticator app. Nothing changes until confirmTotpEnrollment.")
            .ResolveAsync(async c => await c.Service<AccountSecurity>().BeginTotpEnrollmentAsync(c.Caller(), c.CancellationToken));
        Mutation<ConfirmTotpEnrollmentPayloadType, TwoFactorCodeInput, AccountSecurity>("confirmTotpEnrollment",
            "Turns two-factor authentication on with a code from the app, and returns recovery codes.",
            (s, i, caller, ct) => AwaitAsync(s.ConfirmTotpEnrollmentAsync(i, caller, ct)));
        Mutation<DisableTwoFactorPayloadType, TwoFactorCodeInput, AccountSecurity>("disableTwoFactor", null,
            (s, i, caller, ct) => AwaitAsync(s.DisableAsync(i, caller, ct)));
        Mutation<RegenerateRecoveryCodesPayloadType, TwoFactorCodeInput, AccountSecurity>("regenerateRecoveryCodes",
            "New recovery codes; the old ones stop working.", (s, i, caller, ct) => AwaitAsync(s.RegenerateRecoveryCodesAsync(i, caller, ct)));
    }

    private void Mutation<TPayloadType, TInput, TService>(
        string name, string? description, Func<TService, TInput, Caller, CancellationToken, Task<object?>> resolve)
        where TPayloadType : IGraphType
        where TService : notnull
    {
        Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<AutoRegisteringInputObjectGraphType<TInput>>>("input")
            .ResolveAsync(async c => await resolve(c.Service<TService>(), c.GetArgument<TInput>("input"), c.Caller(), c.CancellationToken));
    }

    private static async Task<object?> AwaitAsync<T>(Task<T> task) => await task;
}
