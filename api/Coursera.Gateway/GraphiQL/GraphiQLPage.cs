using System.Text;
using System.Text.Json;

namespace Coursera.Gateway.GraphiQL;

/// <summary>
/// The page a browser gets at the GraphQL path: the built index.html with the gateway's settings written into it
/// (where GraphQL is served, whom to sign in with), or, while GraphiQL is not built, a plain answer that says how to
/// build it.
/// </summary>
internal sealed class GraphiQLPage(GraphiQLBuild build, GraphiQLOptions options, PathString graphQLPath)
{
    /// <summary>The comment in web/src/index.html that the settings replace.</summary>
    private const string SettingsMarker = "<!-- graphiql-settings -->";

    public async Task WriteAsync(HttpContext http)
    {
        // Never cached: a rebuild, or other settings, show at the next reload.
        http.Response.Headers.CacheControl = "no-store";
        if (build.Folder is not { } folder)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(NotBuiltMessage(), http.RequestAborted);
            return;
        }

        var html = await File.ReadAllTextAsync(Path.Combine(folder, GraphiQLBuild.IndexFile), http.RequestAborted);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html.Replace(SettingsMarker, SettingsScript(http), StringComparison.Ordinal), http.RequestAborted);
    }

    private string SettingsScript(HttpContext http)
    {
        // Read by web/src/settings.js. The serializer's default encoder escapes <, > and &, so no value can end the element.
        var settings = JsonSerializer.Serialize(new
        {
            endpoint = http.Request.PathBase.Add(graphQLPath).Value,
            authority = options.Authority,
            clientId = options.ClientId,
        });
        return $"<script id=\"graphiql-settings\" type=\"application/json\">{settings}</script>";
    }

    private string NotBuiltMessage()
    {
        var message = new StringBuilder()
            .AppendLine("GraphiQL is not built.")
            .AppendLine()
            .AppendLine($"Run {GraphiQLBuild.BuildScript} (it needs Node.js and npm; ./run.sh and ./test.sh run it), then reload this page.")
            .AppendLine($"Or point {GraphiQLOptions.Section}:Path at a folder with its build output. Looked in:");
        foreach (var candidate in build.Candidates)
        {
            message.AppendLine($"  {candidate}");
        }

        return message.ToString();
    }
}
