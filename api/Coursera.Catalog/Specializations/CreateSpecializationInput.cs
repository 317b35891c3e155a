using System.ComponentModel;
using GraphQL;

namespace Coursera.Catalog.Specializations;

public sealed class CreateSpecializationInput
{
    [Id] public required string PartnerId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    [Id, Description("The partner's courses, in the order they should be taken.")]
    public required List<string> CourseIds { get; set; }
}
