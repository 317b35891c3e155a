namespace Coursera.Catalog.Model;

/// <summary>What is found by a slug in a URL and listed in slug order (partners, specializations).</summary>
public interface ISlugged
{
    string Slug { get; }
}
