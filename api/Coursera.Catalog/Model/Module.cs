namespace Coursera.Catalog.Model;

/// <summary>A week or unit of a course; modules are ordered by <see cref="Position"/>, starting at 0.</summary>
public sealed class Module
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public List<Item> Items { get; init; } = [];
}
