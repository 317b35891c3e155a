using System.ComponentModel;
using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Coursera.Gateway.Rest.Courses;

/// <summary>The catalog: published courses for anyone, a partner's drafts for its own clients.</summary>
public static class CourseEndpoints
{
    private const int MaxPage = 100;

    public static void MapCourses(this RouteGroupBuilder v1)
    {
        var courses = v1.MapGroup("/courses").WithTags("Courses");
        courses.MapGet("/", ListAsync).WithName("listCourses").WithSummary("Lists published courses")
            .WithDescription("Filtered like the catalog; newest first unless `orderBy` says otherwise, or by relevance with `search`.")
            .Produces<Page<Course>>();
        courses.MapGet("/{course}", GetAsync).WithName("getCourse").WithSummary("Gets a course by id or slug")
            .Produces<Course>();
        courses.MapGet("/{course}/outline", GetOutlineAsync).WithName("getCourseOutline").WithSummary("Gets a course's modules and items")
            .Produces<CourseOutline>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, RestOperations operations, IOptions<RestOptions> options,
        [Description("Full-text search over title, subtitle and description.")] string? search,
        [Description("Only this partner's courses.")] string? partner,
        [Description("BCP 47 language tag.")] string? language,
        [Description("BEGINNER, INTERMEDIATE, ADVANCED or MIXED.")] string? level,
        [Description("Courses that teach this skill.")] string? skill,
        [Description("RELEVANCE (with search), NEWEST or TITLE.")] string? orderBy,
        [Description("Items per page, 1 to 100; 50 by default.")] int? limit,
        [Description("The `nextCursor` of the previous page.")] string? cursor)
    {
        var data = await operations.RunAsync(http, GraphQLOperation.Named("ListCourses"), RestOperations.Variables(new
        {
            filter = new { search, partnerSlug = partner, language, level = level?.ToUpperInvariant(), skill },
            orderBy = orderBy?.ToUpperInvariant(),
            first = PageLimit.Of(limit, MaxPage),
            after = cursor,
        }));
        var connection = data["courses"]!;
        var items = connection["nodes"]!.AsArray().Select(n => WithLink(http, options.Value, RestOperations.Read<Course>(n!))).ToList();
        var pageInfo = connection["pageInfo"]!;
        return RestResults.Page(http, items, pageInfo["hasNextPage"]!.GetValue<bool>() ? pageInfo["endCursor"]?.GetValue<string>() : null);
    }

    private static async Task<IResult> GetAsync(HttpContext http, RestOperations operations, IOptions<RestOptions> options,
        [Description("The course's id, or its slug.")] string course)
    {
        var found = await operations.GetAsync<Course>(http, ByIdOrSlug(course, "GetCourse"), Key(course), "course", "The course");
        return RestResults.Read(http, WithLink(http, options.Value, found));
    }

    private static async Task<IResult> GetOutlineAsync(HttpContext http, RestOperations operations,
        [Description("The course's id.")] Guid course)
    {
        var data = await operations.RunAsync(http, GraphQLOperation.Named("GetCourseOutline"), new JsonObject { ["id"] = course.ToString() });
        var found = data["course"] ?? throw RestProblemException.NotFound("The course");
        return RestResults.Read(http, new CourseOutline(course, RestOperations.Read<List<OutlineModule>>(found["modules"]!)));
    }

    private static GraphQLOperation ByIdOrSlug(string course, string byId) =>
        GraphQLOperation.Named(Guid.TryParse(course, out _) ? byId : byId + "BySlug");

    private static JsonObject Key(string course) =>
        Guid.TryParse(course, out var id) ? new JsonObject { ["id"] = id.ToString() } : new JsonObject { ["slug"] = course };

    private static Course WithLink(HttpContext http, RestOptions options, Course course) =>
        course with { WebUrl = $"{options.WebBaseUrl(http)}/learn/{course.Slug}" };
}
