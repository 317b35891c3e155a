using System.Globalization;

namespace LmsSync;

/// <summary>
/// The sample as a library: the console's <see cref="Program"/> and the tests call <see cref="RunAsync"/> alike.
/// Exit codes: 0 done, 1 the platform refused or could not be reached (the reason is printed), 2 bad arguments or files.
/// </summary>
public static class LmsSyncApp
{
    public const string Usage = """
        usage: LmsSync provision [--members FILE] [--program NAME] [--courses SLUG,SLUG]   [connection options]
               LmsSync sync [--state FILE] [--out FILE] [--once | --follow] [--every SECONDS] [connection options]
          provision   finds or creates the program, adds the members (CSV: email,externalId) and enrolls them in its courses
                      --members members.csv beside the program; --program "Acme onboarding";
                      --courses (ids or slugs, for a new program) two first-edition courses of the sample catalog
          sync        reads the learning-records feed from the stored cursor, prints each record, appends completions
                      to the CSV and removes withdrawn or erased enrollments from it; --once (the default) stops when
                      caught up, --follow asks again every --every seconds (5) until Ctrl+C
                      --state lms-state.json; --out completions.csv
        connection options:
          --url            the platform (or COURSERA_URL); http://127.0.0.1:5000, as ./run.sh serves it
          --client-id      the organization's API client (or COURSERA_CLIENT_ID); org-acme-corp
          --client-secret  its secret (or COURSERA_CLIENT_SECRET); else read from --credentials
          --credentials    the file ./run.sh writes the seeded secrets to; .data/dev-credentials.json
        """;

    private static readonly Dictionary<string, string[]> CommandOptions = new(StringComparer.Ordinal)
    {
        ["provision"] = ["members", "program", "courses"],
        ["sync"] = ["state", "out", "once", "follow", "every"],
    };

    private static readonly string[] ConnectionOptions = ["url", "client-id", "client-secret", "credentials"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var arguments = Arguments.Parse(args ?? []);
        if (arguments is null || !CommandOptions.TryGetValue(arguments.Command, out var allowed)
            || arguments.Names.Except(allowed).Except(ConnectionOptions).Any() || (arguments.Has("once") && arguments.Has("follow"))
            || !double.TryParse(arguments.Get("every") ?? "5", NumberStyles.Float, CultureInfo.InvariantCulture, out var every) || every <= 0)
        {
            output.WriteLine(Usage);
            return 2;
        }

        Connection connection;
        try
        {
            connection = Connection.From(arguments);
        }
        catch (UsageException e)
        {
            output.WriteLine(e.Message);
            return 2;
        }

        using var client = new CourseraClient(new CourseraClientOptions
        {
            BaseUrl = connection.BaseUrl,
            ClientId = connection.ClientId,
            ClientSecret = connection.ClientSecret,
        });
        try
        {
            // An organization's API client belongs to exactly one organization: the platform says which.
            var me = await client.Me.GetMeAsync(cancellationToken);
            if (me.OrganizationIds.Count != 1)
            {
                output.WriteLine($"{connection.ClientId} is not an organization's API client.");
                return 1;
            }

            var organizationId = me.OrganizationIds.Single();
            output.WriteLine($"Signed in as {connection.ClientId} (organization {organizationId})");
            var catalog = new Catalog(client);
            return arguments.Command == "provision"
                ? await new Provisioning(client, organizationId, catalog, output).RunAsync(
                    arguments.Get("members") ?? Path.Combine(AppContext.BaseDirectory, "members.csv"),
                    arguments.Get("program") ?? Provisioning.DefaultProgramName,
                    arguments.Get("courses")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Provisioning.DefaultCourses,
                    cancellationToken)
                : await new CompletionSync(client, organizationId, catalog, output).RunAsync(
                    new SyncState(arguments.Get("state") ?? "lms-state.json"),
                    new CompletionsFile(arguments.Get("out") ?? "completions.csv"),
                    arguments.Has("follow") ? TimeSpan.FromSeconds(every) : null,
                    cancellationToken);
        }
        catch (CourseraApiException e)
        {
            output.WriteLine($"The platform refused: {e.Code} {e.Title} {e.Detail}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"Cannot reach {connection.BaseUrl}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            output.WriteLine(e.Message);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C during --follow: every record handled so far has its cursor saved.
            output.WriteLine("Stopped");
            return 0;
        }
    }
}
