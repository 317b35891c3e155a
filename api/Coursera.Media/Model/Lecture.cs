namespace Coursera.Media.Model;

/// <summary>
/// A lecture of a public course and the asset it plays, from the catalog's course events. An older event never
/// overwrites what a newer one said (<see cref="Version"/>).
/// </summary>
public sealed class Lecture
{
    public Guid ItemId { get; set; }

    public Guid CourseId { get; set; }

    public Guid PartnerId { get; set; }

    /// <summary>The asset's id as the catalog holds it (any string an author typed; an asset id when it plays).</summary>
    public string? VideoAssetId { get; set; }

    /// <summary>False once the item left the course's outline.</summary>
    public bool InOutline { get; set; }

    public DateTime Version { get; set; }
}
