using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Conventions;
using Coursera.Gateway.Rest.Idempotency;

namespace Coursera.Gateway.Rest.Enrollments;

/// <summary>
/// Enrolling a program's members: one at a time (answered when done) or thousands in a background job with a result
/// per row. Both run the learner service's bulk enrollment, whose idempotency key is the request's Idempotency-Key.
/// </summary>
public static class EnrollmentEndpoints
{
    private const int MaxRowsPage = 1000;

    // A single enrollment is a one-row job: it is answered as soon as the job is done, which takes well under this;
    // a busier platform answers 202 with the job to poll rather than holding the request.
    private static readonly TimeSpan SingleWait = TimeSpan.FromSeconds(10);

    public static void MapEnrollments(this RouteGroupBuilder v1)
    {
        var programs = v1.MapGroup("/programs/{programId:guid}").WithTags("Enrollments");
        programs.MapPost("/enrollments", EnrollAsync).WithName("enrollMember").WithSummary("Enrolls one member in one of the program's courses")
            .WithDescription("201 with the outcome once done (ENROLLED, ALREADY_ENROLLED, or FAILED with its errorCode); 202 with only the job when it takes longer: poll it.")
            .Produces<EnrollmentResult>(StatusCodes.Status201Created)
            .Produces<EnrollmentResult>(StatusCodes.Status202Accepted);
        programs.MapPost("/bulk-enrollments", BulkEnrollAsync).WithName("createBulkEnrollment")
            .WithSummary("Enrolls up to 10,000 members in the program's courses, in the background")
            .WithDescription("202 with the job; poll it until DONE, then list its rows for each outcome.")
            .Produces<BulkEnrollmentJob>(StatusCodes.Status202Accepted);

        var jobs = v1.MapGroup("/bulk-enrollments/{jobId:guid}").WithTags("Enrollments");
        jobs.MapGet("/", GetJobAsync).WithName("getBulkEnrollment").WithSummary("Gets a bulk enrollment job").Produces<BulkEnrollmentJob>();
        jobs.MapGet("/rows", ListRowsAsync).WithName("listBulkEnrollmentRows").WithSummary("Lists a job's rows and their outcome, in row order")
            .Produces<Page<BulkEnrollmentRow>>();
    }

    private static async Task<IResult> EnrollAsync(HttpContext http, RestOperations operations, TimeProvider clock, Guid programId,
        EnrollmentRequest request)
    {
        var job = await StartAsync(http, operations, programId, [request]);
        var until = clock.GetUtcNow() + SingleWait;
        while (job.State != "DONE" && clock.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, http.RequestAborted);
            job = await operations.GetAsync<BulkEnrollmentJob>(http, GraphQLOperation.Named("GetBulkEnrollmentJob"),
                new JsonObject { ["id"] = job.Id.ToString() }, "bulkEnrollmentJob", "The enrollment job");
        }

        if (job.State != "DONE")
        {
            return Results.Accepted(JobLocation(job), new EnrollmentResult(job, Row: null));
        }

        var rows = await RowsAsync(http, operations, job.Id, status: null, first: 1, afterRow: 0);
        return Results.Created(JobLocation(job), new EnrollmentResult(job, rows.Single()));
    }

    private static async Task<IResult> BulkEnrollAsync(HttpContext http, RestOperations operations, Guid programId, BulkEnrollmentRequest request)
    {
        var job = await StartAsync(http, operations, programId, request.Rows);
        return Results.Accepted(JobLocation(job), job);
    }

    private static async Task<IResult> GetJobAsync(HttpContext http, RestOperations operations, Guid jobId) =>
        RestResults.Read(http, await operations.GetAsync<BulkEnrollmentJob>(http, GraphQLOperation.Named("GetBulkEnrollmentJob"),
            new JsonObject { ["id"] = jobId.ToString() }, "bulkEnrollmentJob", "The enrollment job"));

    private static async Task<IResult> ListRowsAsync(HttpContext http, RestOperations operations, Guid jobId,
        [Description("Only rows with this outcome: ENROLLED, ALREADY_ENROLLED, FAILED or PENDING.")] string? status,
        [Description("Items per page, 1 to 1000; 50 by default.")] int? limit,
        [Description("The `nextCursor` of the previous page.")] string? cursor)
    {
        var size = PageLimit.Of(limit, MaxRowsPage);
        var afterRow = 0;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out afterRow) || afterRow < 0))
        {
            throw RestProblemException.BadRequest("INVALID_CURSOR", "cursor must be the nextCursor of a previous page.");
        }

        var rows = await RowsAsync(http, operations, jobId, status, size + 1, afterRow);
        return RestResults.PageOfOneMore(http, rows, size, r => r.RowNumber.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The learner service's job for these rows; the request's Idempotency-Key, when sent, is the job's too.</summary>
    private static async Task<BulkEnrollmentJob> StartAsync(HttpContext http, RestOperations operations, Guid programId,
        IReadOnlyList<EnrollmentRequest> rows)
    {
        var key = http.Request.Headers[IdempotentRequests.Header] is [{ Length: > 0 } sent] ? sent : Guid.NewGuid().ToString();
        var payload = await operations.MutateAsync(http, GraphQLOperation.Named("BulkEnroll"), new JsonObject
        {
            ["input"] = RestOperations.Variables(new { programId, idempotencyKey = key, rows }),
        }, "bulkEnroll");
        return RestOperations.Read<BulkEnrollmentJob>(payload["job"]!);
    }

    private static async Task<List<BulkEnrollmentRow>> RowsAsync(HttpContext http, RestOperations operations, Guid jobId, string? status,
        int first, int afterRow)
    {
        var data = await operations.RunAsync(http, GraphQLOperation.Named("ListBulkEnrollmentRows"),
            RestOperations.Variables(new { id = jobId, status, first, afterRow }));
        var job = data["bulkEnrollmentJob"] ?? throw RestProblemException.NotFound("The enrollment job");
        return RestOperations.Read<List<BulkEnrollmentRow>>(job["rows"]!);
    }

    private static string JobLocation(BulkEnrollmentJob job) => $"{RestApi.Prefix}/bulk-enrollments/{job.Id}";
}
