using System.ComponentModel;
using GraphQL;

namespace Coursera.Assessment.Gradebook;

public sealed class SetGradeGroupInput
{
    [Id] public required string CourseId { get; set; }

    [Description("The group's name, as assessments name it in their group.")]
    public required string Name { get; set; }

    [Description("How many of the group's lowest grades the course grade leaves out, 0 to 50 (never all of the group).")]
    public int DropLowest { get; set; }
}
