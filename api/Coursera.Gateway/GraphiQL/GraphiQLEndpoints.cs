namespace Coursera.Gateway.GraphiQL;

/// <summary>GraphiQL for developers at the GraphQL path; see <see cref="GraphiQLOptions"/> for when it is on.</summary>
public static class GraphiQLEndpoints
{
    /// <summary>
    /// Call before the GraphQL endpoint is mapped: the page is answered in front of it, for browser navigations only
    /// (<see cref="GraphiQLRequest"/>); every other request reaches the endpoint untouched. When GraphiQL is off,
    /// nothing is added, so a browser gets what the endpoint answers (406 for Accept: text/html).
    /// </summary>
    public static WebApplication MapGraphiQL(this WebApplication app, string graphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Read here rather than registered as IOptions: mapping is the gateway's only hook for GraphiQL, and the settings
        // are read once, at start, either way.
        var options = app.Configuration.GetSection(GraphiQLOptions.Section).Get<GraphiQLOptions>() ?? new GraphiQLOptions();
        if (!(options.Enabled ?? app.Environment.IsDevelopment()))
        {
            return app;
        }

        // The issuer the gateway validates tokens against (TokenValidation); unset where identity runs in the same
        // process, and so on the same origin, as in the all-in-one host.
        options.Authority ??= app.Configuration["Identity:Authority"];
        var build = GraphiQLBuild.For(options, app.Environment.ContentRootPath);
        var page = new GraphiQLPage(build, options, graphQLPath);
        app.Use(next => http => GraphiQLRequest.IsFor(http.Request, graphQLPath) ? page.WriteAsync(http) : next(http));
        app.MapGet(GraphiQLAssets.Prefix + "/{file}", (HttpResponse response, string file) => GraphiQLAssets.Serve(response, build, file))
            .ExcludeFromDescription();
        return app;
    }
}
