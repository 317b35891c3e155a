using System.ComponentModel;
using Coursera.Gateway.Rest.Conventions;
using Coursera.ServiceDefaults.Authentication;

namespace Coursera.Gateway.Rest.Me;

/// <summary>Who the token speaks for: an LMS learns its organization's id here rather than from configuration.</summary>
public static class MeEndpoints
{
    public static void MapMe(this RouteGroupBuilder v1) =>
        v1.MapGet("/me", (HttpContext http) =>
            {
                var caller = Caller.From(http.User);
                if (!caller.IsAuthenticated)
                {
                    throw new RestProblemException(StatusCodes.Status401Unauthorized, Subgraphs.Errors.ErrorCodes.Unauthenticated,
                        "Send an access token: Authorization: Bearer …");
                }

                return RestResults.Read(http, new Me(caller.Subject!, caller.IsApiClient, caller.ClientId, [.. caller.Organizations], [.. caller.Partners],
                    [.. http.User.FindAll(CourseraClaims.Scope).SelectMany(s => s.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct()]));
            })
            .WithTags("Caller").WithName("getMe").WithSummary("Describes the caller")
            .WithDescription("The token's subject, and the organizations and partners it acts for, with its scopes.")
            .Produces<Me>();
}

/// <summary>The caller an access token stands for.</summary>
public sealed record Me(
    [property: Description("The user's id, or the API client's id.")] string Subject,
    bool IsApiClient,
    string? ClientId,
    [property: Description("The organizations (enterprise customers) the caller acts for.")] IReadOnlyList<Guid> OrganizationIds,
    [property: Description("The partners (universities, companies teaching) the caller acts for.")] IReadOnlyList<Guid> PartnerIds,
    IReadOnlyList<string> Scopes);
