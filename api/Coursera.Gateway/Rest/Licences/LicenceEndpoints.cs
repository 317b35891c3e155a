using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;

namespace Coursera.Gateway.Rest.Licences;

/// <summary>An organization's licences and seats: for its administrators, API clients with billing:read and platform administrators.</summary>
public static class LicenceEndpoints
{
    public static void MapLicences(this RouteGroupBuilder v1) =>
        v1.MapGet("/organizations/{organizationId:guid}/licences", async (HttpContext http, RestOperations operations, Guid organizationId) =>
            {
                var data = await operations.RunAsync(http, GraphQLOperation.Named("ListLicences"),
                    new JsonObject { ["organizationId"] = organizationId.ToString() });
                return RestResults.Page(http, RestOperations.Read<List<Licence>>(data["organizationLicences"]!), nextCursor: null);
            })
            .WithTags("Licences").WithName("listLicences").WithSummary("Lists an organization's licences with their seats, latest end first")
            .Produces<Page<Licence>>();
}
