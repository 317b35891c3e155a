using GraphQL;

namespace Coursera.Assessment.Schedules;

public sealed class ResetScheduleInput
{
    [Id] public required string CourseId { get; set; }
}
