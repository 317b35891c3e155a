using System.Globalization;
using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;

namespace Coursera.Gateway.Rest.Certificates;

/// <summary>Public verification of a certificate by the code printed on it: no token needed.</summary>
public static class CertificateEndpoints
{
    public static void MapCertificates(this RouteGroupBuilder v1) =>
        v1.MapGet("/certificates/{code}", async (HttpContext http, RestOperations operations, string code) =>
            {
                var found = await operations.GetAsync<JsonNode>(http, GraphQLOperation.Named("VerifyCertificate"),
                    new JsonObject { ["code"] = code }, "certificate", "The certificate");
                var certificate = RestOperations.Read<Certificate>(found) with
                {
                    CourseId = Guid.Parse(found["course"]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                };
                return RestResults.Read(http, certificate);
            })
            .AllowAnonymous().WithTags("Certificates").WithName("verifyCertificate").WithSummary("Checks a certificate by its code")
            .Produces<Certificate>();
}
