using System.Globalization;
using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;

namespace Coursera.Gateway.Rest.Grades;

/// <summary>The course grades of an organization's members: its administrators and API clients with reports:read.</summary>
public static class GradeEndpoints
{
    public static void MapGrades(this RouteGroupBuilder v1) =>
        v1.MapGet("/organizations/{organizationId:guid}/courses/{courseId:guid}/grades",
                async (HttpContext http, RestOperations operations, Guid organizationId, Guid courseId) =>
                {
                    var data = await operations.RunAsync(http, GraphQLOperation.Named("ListCourseGrades"),
                        new JsonObject { ["courseId"] = courseId.ToString(), ["organizationId"] = organizationId.ToString() });
                    var course = data["course"] ?? throw RestProblemException.NotFound("The course");
                    var grades = course["organizationGrades"]!.AsArray().Select(g => new MemberGrade(
                        Guid.Parse(g!["learnerId"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                        g["grade"]!["score"]!.GetValue<double>(),
                        g["grade"]!["passed"]!.GetValue<bool>())).ToList();
                    return RestResults.Page(http, grades, nextCursor: null);
                })
            .WithTags("Grades").WithName("listCourseGrades").WithSummary("Lists the course grades of the organization's members")
            .Produces<Page<MemberGrade>>();
}
