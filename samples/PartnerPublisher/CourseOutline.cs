using System.Text;
using System.Text.Json;

namespace PartnerPublisher;

/// <summary>A course as the partner writes it down (course.json): the course, its modules, their items, in order.</summary>
public sealed record CourseOutline(
    string Title, IReadOnlyList<ModuleOutline> Modules, string? Slug = null, string? Description = null, string? Language = null,
    string? Level = null)
{
    // A missing title or modules, or a null where the record has no '?', is an error rather than a null later.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static CourseOutline Load(string path) =>
        JsonSerializer.Deserialize<CourseOutline>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no course.");

    /// <summary>"Data Visualization with Python" becomes "data-visualization-with-python".</summary>
    public static string Slugify(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}

public sealed record ModuleOutline(string Title, IReadOnlyList<ItemOutline> Items, string? Description = null);

/// <summary>Kind is LECTURE, READING, QUIZ, ASSIGNMENT or PEER_REVIEW.</summary>
public sealed record ItemOutline(string Kind, string Title, int? DurationMinutes = null, bool? Required = null);
