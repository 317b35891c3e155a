using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;

namespace Coursera.Gateway.Rest.Programs;

/// <summary>An organization's programs and their members: for its administrators and API clients with enrollments:write.</summary>
public static class ProgramEndpoints
{
    private const int MaxMembersPage = 1000;

    // Each member's enrollments multiply what a page costs the gateway; 200 such members stay within its cost limit.
    private const int MaxMembersPageWithEnrollments = 200;

    public static void MapPrograms(this RouteGroupBuilder v1)
    {
        var organization = v1.MapGroup("/organizations/{organizationId:guid}/programs").WithTags("Programs");
        organization.MapGet("/", ListAsync).WithName("listPrograms").WithSummary("Lists an organization's programs")
            .Produces<Page<EnterpriseProgram>>();
        organization.MapPost("/", CreateAsync).WithName("createProgram").WithSummary("Creates a program of public courses")
            .Produces<EnterpriseProgram>(StatusCodes.Status201Created);

        var programs = v1.MapGroup("/programs/{programId:guid}").WithTags("Programs");
        programs.MapGet("/", GetAsync).WithName("getProgram").WithSummary("Gets a program").Produces<EnterpriseProgram>();
        programs.MapGet("/members", ListMembersAsync).WithName("listProgramMembers").WithSummary("Lists a program's members")
            .WithDescription("Oldest first. With `include=enrollments`, each member's enrollments paid by the organization, with progress.")
            .Produces<Page<ProgramMember>>();
        programs.MapPost("/members", AddMembersAsync).WithName("addProgramMembers").WithSummary("Adds learners to a program")
            .WithDescription("By user id, email or external id; members already there are left as they are. Invited learners join when they sign in.")
            .Produces<EnterpriseProgram>();
        programs.MapPost("/members/remove", RemoveMembersAsync).WithName("removeProgramMembers").WithSummary("Takes learners out of a program")
            .WithDescription("Their licence seat comes back; their ENTERPRISE enrollments no other program covers go on on the AUDIT track, progress kept.")
            .Produces<EnterpriseProgram>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, RestOperations operations, Guid organizationId)
    {
        var data = await operations.RunAsync(http, GraphQLOperation.Named("ListPrograms"), new JsonObject { ["organizationId"] = organizationId.ToString() });
        return RestResults.Page(http, data["programs"]!.AsArray().Select(p => FromGraphQL(p!)).ToList(), nextCursor: null);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, RestOperations operations, Guid organizationId, CreateProgramRequest request)
    {
        var payload = await operations.MutateAsync(http, GraphQLOperation.Named("CreateProgram"), new JsonObject
        {
            ["input"] = RestOperations.Variables(new { organizationId, request.Name, request.Description, request.CourseIds }),
        }, "createProgram");
        var program = FromGraphQL(payload["program"]!);
        return Results.Created($"{RestApi.Prefix}/programs/{program.Id}", program);
    }

    private static async Task<IResult> GetAsync(HttpContext http, RestOperations operations, Guid programId) =>
        RestResults.Read(http, FromGraphQL(await operations.GetAsync<JsonNode>(http, GraphQLOperation.Named("GetProgram"),
            new JsonObject { ["id"] = programId.ToString() }, "program", "The program")));

    private static async Task<IResult> ListMembersAsync(HttpContext http, RestOperations operations, Guid programId,
        [Description("Items per page, 1 to 1000 (200 with enrollments); 50 by default.")] int? limit,
        [Description("The `nextCursor` of the previous page.")] string? cursor,
        [Description("`enrollments` adds each member's enrollments with their progress.")] string? include)
    {
        var withEnrollments = Includes(include, "enrollments");
        var size = PageLimit.Of(limit, withEnrollments ? MaxMembersPageWithEnrollments : MaxMembersPage);
        if (cursor is not null && !Guid.TryParse(cursor, out _))
        {
            throw RestProblemException.BadRequest("INVALID_CURSOR", "cursor must be the nextCursor of a previous page.");
        }

        var data = await operations.RunAsync(http, GraphQLOperation.Named("ListProgramMembers"), RestOperations.Variables(new
        {
            id = programId,
            first = size + 1,
            after = cursor,
            withEnrollments,
        }));
        var program = data["program"] ?? throw RestProblemException.NotFound("The program");
        var members = program["members"]!.AsArray().Select(m => Member(m!)).ToList();
        return RestResults.PageOfOneMore(http, members, size, m => m.Id.ToString());
    }

    private static Task<IResult> AddMembersAsync(HttpContext http, RestOperations operations, Guid programId, ProgramMembersRequest request) =>
        ChangeMembersAsync(http, operations, "AddProgramMembers", "addProgramMembers", programId, request);

    private static Task<IResult> RemoveMembersAsync(HttpContext http, RestOperations operations, Guid programId, ProgramMembersRequest request) =>
        ChangeMembersAsync(http, operations, "RemoveProgramMembers", "removeProgramMembers", programId, request);

    private static async Task<IResult> ChangeMembersAsync(HttpContext http, RestOperations operations, string operation, string field,
        Guid programId, ProgramMembersRequest request)
    {
        var payload = await operations.MutateAsync(http, GraphQLOperation.Named(operation), new JsonObject
        {
            ["input"] = RestOperations.Variables(new { programId, request.Members }),
        }, field);
        return Results.Ok(FromGraphQL(payload["program"]!));
    }

    /// <summary>Canvas-style <c>include=a,b</c> (or repeated): the optional parts a client asks for.</summary>
    private static bool Includes(string? include, string part) =>
        include?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(part, StringComparer.OrdinalIgnoreCase) == true;

    private static EnterpriseProgram FromGraphQL(JsonNode program) => new(
        Guid.Parse(program["id"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        Guid.Parse(program["organizationId"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        program["name"]!.GetValue<string>(),
        program["description"]?.GetValue<string>(),
        [.. program["courses"]!.AsArray().Select(c => Guid.Parse(c!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture))]);

    private static ProgramMember Member(JsonNode member) => RestOperations.Read<ProgramMember>(member) with
    {
        Enrollments = member["enrollments"] is JsonArray enrollments
            ? [.. enrollments.Select(e => RestOperations.Read<MemberEnrollment>(e!) with
            {
                CourseId = Guid.Parse(e!["course"]!["id"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                CertificateCode = e["certificate"]?["code"]?.GetValue<string>(),
            })]
            : null,
    };
}
