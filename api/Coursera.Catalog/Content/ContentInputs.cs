using System.ComponentModel;
using Coursera.Catalog.Model;
using GraphQL;

namespace Coursera.Catalog.Content;

public sealed class AddModuleInput
{
    [Id] public required string CourseId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    [Description("Where to insert, starting at 0; appended when omitted.")]
    public int? Position { get; set; }
}

public sealed class MoveModuleInput
{
    [Id] public required string ModuleId { get; set; }
    public int Position { get; set; }
}

public sealed class RemoveModuleInput
{
    [Id] public required string ModuleId { get; set; }
}

public sealed class AddItemInput
{
    [Id] public required string ModuleId { get; set; }
    public ItemKind Kind { get; set; }
    public required string Title { get; set; }
    public int? DurationMinutes { get; set; }
    [Description("Lectures only: the media asset to play.")]
    public string? VideoAssetId { get; set; }
    [Description("Counts towards completion; defaults to true.")]
    public bool? Required { get; set; }
    [Description("Completed by a passing grade from the assessment service rather than the learner's report: quizzes, assignments and peer reviews only. Defaults to false (practice) while no assessment service posts grades.")]
    public bool? Graded { get; set; }
    [Description("Where to insert, starting at 0; appended when omitted.")]
    public int? Position { get; set; }
}

public sealed class MoveItemInput
{
    [Id] public required string ItemId { get; set; }
    public int Position { get; set; }
    [Id, Description("Another module of the same course to move the item to.")]
    public string? ModuleId { get; set; }
}

/// <summary>Only the fields given are changed; the kind stays (remove and add an item to change it).</summary>
public sealed class UpdateItemInput
{
    [Id] public required string ItemId { get; set; }
    public string? Title { get; set; }
    public int? DurationMinutes { get; set; }
    [Description("Lectures only: the media asset to play.")]
    public string? VideoAssetId { get; set; }
    [Description("Counts towards completion.")]
    public bool? Required { get; set; }
    [Description("Completed by a passing grade from the assessment service: quizzes, assignments and peer reviews only.")]
    public bool? Graded { get; set; }
}

public sealed class RemoveItemInput
{
    [Id] public required string ItemId { get; set; }
}
