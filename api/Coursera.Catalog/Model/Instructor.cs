namespace Coursera.Catalog.Model;

public sealed class Instructor
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public string? Bio { get; set; }
    public string? PhotoUrl { get; set; }
}
