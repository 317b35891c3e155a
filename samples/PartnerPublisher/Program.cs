// Publishes a course from a JSON outline through the platform's public GraphQL API, as a partner university's
// integration would: a token by OAuth 2.0 client credentials, then one POST /graphql per operation, each operation
// read from a .graphql file under Operations/. No GraphQL client library: HttpClient and System.Text.Json.
//
//   PartnerPublisher [--url URL] [--client-id ID] [--client-secret SECRET] [--course FILE] [--slug SLUG] [--web-url URL]
//
// --url, --client-id and --client-secret fall back to COURSERA_URL, COURSERA_CLIENT_ID and COURSERA_CLIENT_SECRET.
// Exit codes: 0 published, 1 refused or failed (the errors are printed), 2 bad arguments or outline.
using System.Security.Cryptography;
using System.Text.Json;
using PartnerPublisher;

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

CourseOutline outline;
try
{
    outline = CourseOutline.Load(options.CourseFile);
}
catch (Exception e) when (e is IOException or JsonException)
{
    Console.Error.WriteLine($"Cannot read the course outline {options.CourseFile}: {e.Message}");
    return 2;
}

// Slugs are unique on the platform: a run without --slug adds a random suffix, so the sample can run again.
var slug = options.Slug ?? $"{outline.Slug ?? CourseOutline.Slugify(outline.Title)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

using var http = new HttpClient { BaseAddress = options.BaseUrl };
var platform = new PlatformClient(http);
try
{
    // 1. A token for the API client. learners:read makes enrollmentCount exact for the partner's own courses.
    var partnerId = await platform.SignInAsync(options.ClientId, options.ClientSecret, "catalog:read catalog:write learners:read");
    Console.WriteLine($"Signed in as {options.ClientId} (partner {partnerId})");

    // 2. The course as a draft, then its modules and items in order, then publish it.
    var created = await platform.MutateAsync("CreateCourse", "createCourse", new
    {
        partnerId,
        slug,
        title = outline.Title,
        description = outline.Description,
        language = outline.Language,
        level = outline.Level,
    });
    var courseId = (string)created["course"]!["id"]!;
    Console.WriteLine($"Created draft course {courseId} ({slug})");

    foreach (var module in outline.Modules)
    {
        var addedModule = await platform.MutateAsync("AddModule", "addModule", new { courseId, title = module.Title, description = module.Description });
        var moduleId = (string)addedModule["module"]!["id"]!;
        Console.WriteLine($"  Module {addedModule["module"]!["position"]}: {module.Title}");
        foreach (var item in module.Items)
        {
            var addedItem = await platform.MutateAsync("AddItem", "addItem", new
            {
                moduleId,
                kind = item.Kind,
                title = item.Title,
                durationMinutes = item.DurationMinutes,
                required = item.Required,
            });
            Console.WriteLine($"    Item {addedItem["item"]!["position"]}: {item.Kind} {item.Title}");
        }
    }

    var published = await platform.MutateAsync("PublishCourse", "publishCourse", new { courseId });
    Console.WriteLine($"Published course {courseId} at {published["course"]!["publishedAt"]}");

    // 3. What the partner reads back: the course and how many learners are enrolled in it.
    var course = (await platform.QueryAsync("CourseEnrollments", new { id = courseId }))["course"]!;
    Console.WriteLine($"Course id: {course["id"]}");
    Console.WriteLine($"Slug: {course["slug"]} ({course["status"]})");
    Console.WriteLine($"Public URL: {options.WebUrl}learn/{course["slug"]}");
    Console.WriteLine($"Enrollments: {course["enrollmentCount"]}");
    return 0;
}
catch (PlatformException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"Cannot reach {options.BaseUrl}: {e.Message}");
    return 1;
}
