using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;

namespace Coursera.Webhooks.Endpoints;

/// <summary>
/// Who manages a tenant's webhooks: its API clients holding <c>webhooks:manage</c> (for their own tenant), and its
/// administrators (and platform administrators) with a token holding <c>webhooks:manage</c>.
/// </summary>
public static class WebhookAccess
{
    public const string Scope = "webhooks:manage";

    /// <param name="tenantId">The tenant named in the request; an API client may leave it out (it has one tenant).</param>
    /// <returns>The tenant whose webhooks the caller manages.</returns>
    public static Guid Tenant(Caller caller, string? tenantId)
    {
        EnsureScope(caller);

        Guid? named = tenantId is null ? null : Ids.Parse(tenantId, "tenantId");
        if (caller.IsApiClient)
        {
            var own = caller.Partners.Concat(caller.Organizations).Single();
            return named is null || named == own ? own : throw GraphQLErrors.Forbidden("An API client manages its own tenant's webhooks only.");
        }

        if (named is not { } tenant)
        {
            throw GraphQLErrors.BadUserInput("Name the tenant (tenantId) whose webhooks to manage.");
        }

        return CanManage(caller, tenant) ? tenant : throw GraphQLErrors.Forbidden("Only the tenant's administrators manage its webhooks.");
    }

    /// <summary>An anonymous caller is told to authenticate, a token without the scope is refused, before anything is looked up.</summary>
    public static void EnsureScope(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Managing webhooks needs an access token.");
        }

        if (!caller.HasScope(Scope))
        {
            throw GraphQLErrors.Forbidden($"Managing webhooks needs a token with {Scope}.");
        }
    }

    public static bool CanManage(Caller caller, Guid tenant)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.HasScope(Scope) && (caller.IsApiClient
            ? caller.BelongsTo(tenant)
            : caller.IsPlatformAdmin || caller.HasRole(tenant, "partner_admin") || caller.HasRole(tenant, "org_admin"));
    }
}
