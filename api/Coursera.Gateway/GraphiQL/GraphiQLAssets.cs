using Microsoft.AspNetCore.StaticFiles;

namespace Coursera.Gateway.GraphiQL;

/// <summary>
/// The files the page loads (<c>/graphiql/graphiql.js</c>, its CSS, Monaco's workers and font, source maps), straight
/// from the build folder. Their names carry no hash, so browsers revalidate them (Last-Modified) instead of caching.
/// </summary>
internal static class GraphiQLAssets
{
    /// <summary>Where web/src/index.html loads the bundle from.</summary>
    public const string Prefix = "/graphiql";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new()
    {
        Mappings = { [".map"] = "application/json" },
    };

    public static IResult Serve(HttpResponse response, GraphiQLBuild build, string file)
    {
        response.Headers.CacheControl = "no-cache";

        // One flat folder: a name with a separator or dots of its own (..) asks for something else.
        if (build.Folder is not { } folder || Path.GetFileName(file) != file || file.StartsWith('.')
            || !ContentTypes.TryGetContentType(file, out var contentType))
        {
            return Results.NotFound();
        }

        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        return Results.File(path, contentType, lastModified: File.GetLastWriteTimeUtc(path));
    }
}
