namespace LmsSync;

/// <summary>
/// Course and item titles for readable output: the learning records and enrollment rows carry ids only. Each course
/// is asked for once per run.
/// </summary>
public sealed class Catalog(CourseraClient client)
{
    private readonly Dictionary<Guid, string> _courses = [];
    private readonly Dictionary<Guid, Dictionary<Guid, string>> _items = [];

    /// <summary>The course's id or slug to its id, as <c>--courses</c> takes either.</summary>
    public async Task<Guid> CourseIdAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        var course = await client.Courses.GetCourseAsync(idOrSlug, cancellationToken);
        _courses[course.Id] = course.Title;
        return course.Id;
    }

    public async Task<string> CourseTitleAsync(Guid courseId, CancellationToken cancellationToken)
    {
        if (!_courses.TryGetValue(courseId, out var title))
        {
            // An archived course may be gone from the catalog while its records remain: show the id then.
            title = await Or(async () => (await client.Courses.GetCourseAsync(courseId.ToString(), cancellationToken)).Title, courseId.ToString());
            _courses[courseId] = title;
        }

        return title;
    }

    public async Task<string> ItemTitleAsync(Guid courseId, Guid itemId, CancellationToken cancellationToken)
    {
        if (!_items.TryGetValue(courseId, out var items))
        {
            items = await Or(async () => (await client.Courses.GetCourseOutlineAsync(courseId, cancellationToken)).Modules
                .SelectMany(m => m.Items).ToDictionary(i => i.Id, i => $"{i.Kind} {i.Title}"), []);
            _items[courseId] = items;
        }

        return items.GetValueOrDefault(itemId) ?? itemId.ToString();
    }

    private static async Task<T> Or<T>(Func<Task<T>> read, T fallback)
    {
        try
        {
            return await read();
        }
        catch (CourseraApiException e) when (e.Code == "NOT_FOUND")
        {
            return fallback;
        }
    }
}
