using System.ComponentModel;
using Coursera.Gateway.Rest.Conventions;

namespace Coursera.Gateway.Rest.LearningRecords;

/// <summary>
/// The "changes since" feed for LMS sync: every enrollment, progress, grade and completion change of an organization's
/// learners, in order, seconds after it happened, with a cursor that resumes exactly where the client stopped.
/// </summary>
public static class LearningRecordEndpoints
{
    private const int MaxPage = 1000;

    public static void MapLearningRecords(this RouteGroupBuilder v1) =>
        v1.MapGet("/organizations/{organizationId:guid}/learning-records", ListAsync).WithTags("LearningRecords")
            .WithName("listLearningRecords").WithSummary("Reads the organization's learning changes since a cursor or a time")
            .WithDescription("""
                Oldest first. Start with `updatedSince` (or from the beginning), then always resume with the `nextCursor`
                you stored: no change is missed or repeated. Withdrawals and erasures arrive as tombstones (`deleted`).
                For the organization's administrators, its API clients with reports:read, and platform administrators.
                """)
            .Produces<LearningRecordPage>();

    private static async Task<IResult> ListAsync(HttpContext http, RestOperations operations, Guid organizationId,
        [Description("RFC 3339: start with the first change at or after this time (ignored with a cursor).")] DateTimeOffset? updatedSince,
        [Description("The `nextCursor` of a previous page.")] string? cursor,
        [Description("Records per page, 1 to 1000; 50 by default.")] int? limit)
    {
        var data = await operations.RunAsync(http, GraphQLOperation.Named("ListLearningRecords"), RestOperations.Variables(new
        {
            organizationId,
            updatedSince,
            after = cursor,
            first = PageLimit.Of(limit, MaxPage),
        }));
        var page = data["learningRecords"]!;
        var records = RestOperations.Read<List<LearningRecord>>(page["records"]!);
        var nextCursor = page["cursor"]?.GetValue<string>();
        var hasMore = page["hasMore"]!.GetValue<bool>();
        var next = RestResults.NextLink(http, hasMore ? nextCursor : null);
        return RestResults.Read(http, new LearningRecordPage(records, nextCursor, next, hasMore));
    }
}
