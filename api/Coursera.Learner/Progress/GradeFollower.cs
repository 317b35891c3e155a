using System.Text.Json;
using Coursera.Events;
using Coursera.Events.Handling;
using Npgsql;

namespace Coursera.Learner.Progress;

/// <summary>
/// Takes the assessment service's grades (<c>grade.posted</c>) into the learners' progress: a passing grade completes
/// a graded item, and may complete the course. The progress document lives outside the inbox's transaction, but
/// recording a grade twice changes nothing (atomic max; completion happens once), so a redelivery is harmless.
/// </summary>
public sealed partial class GradeFollower(
    ProgressRecorder progress,
    ILogger<GradeFollower> logger) : IEventHandler
{
    public const string GradePosted = "grade.posted";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Handles(string type) => type == GradePosted;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var grade = envelope.Data.Deserialize<PostedGrade>(Json) ?? throw new JsonException($"Event {envelope.Id} has no grade.");
        if (!await progress.RecordGradeAsync(grade, cancellationToken))
        {
            LogNotCounted(logger, envelope.Id, grade.ItemId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grade {EventId} for item {ItemId} has no current enrollment to count towards")]
    private static partial void LogNotCounted(ILogger logger, Guid eventId, Guid itemId);
}
