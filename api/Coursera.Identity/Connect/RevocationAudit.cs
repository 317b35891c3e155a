using Coursera.Identity.Audit;
using Coursera.Identity.Model;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coursera.Identity.Connect;

/// <summary>Records every token revoked at the revocation endpoint, with the client that asked and the user the token was for.</summary>
internal sealed class RevocationAudit(AuditLog audit) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<RevocationAudit>()
        .SetOrder(int.MaxValue - 1000)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.GenericTokenPrincipal;
        var subject = principal?.GetClaim(Claims.Subject);
        await audit.RecordAsync(
            AuditEvents.TokenRevoked,
            actorClientId: context.Request.ClientId,
            subjectUserId: Guid.TryParse(subject, out var userId) ? userId : null,
            detail: principal?.GetTokenType() is { } type ? $"{type} of {subject}" : null,
            cancellationToken: context.CancellationToken);
    }
}
