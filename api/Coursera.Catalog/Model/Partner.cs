namespace Coursera.Catalog.Model;

/// <summary>A university or institution that publishes courses.</summary>
public sealed class Partner : ISlugged
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string Country { get; set; }
    public string? LogoUrl { get; set; }
    public string? WebsiteUrl { get; set; }
}
