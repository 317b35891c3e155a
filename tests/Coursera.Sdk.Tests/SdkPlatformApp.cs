using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Sdk.Tests;

/// <summary>
/// The all-in-one host on a loopback socket, with an API client of the sample organization made the way a tenant
/// administrator makes one (GraphQL <c>createApiClient</c>): the SDK reaches it over real HTTP, as an LMS would.
/// </summary>
public sealed class SdkPlatformApp : PlatformApp
{
    /// <summary>The scopes an organization's LMS holds.</summary>
    public static readonly string[] LmsScopes = ["catalog:read", "learners:read", "enrollments:write", "reports:read", "webhooks:manage"];

    public SdkPlatformApp()
        : base(socket: true)
    {
    }

    public string ClientId { get; private set; } = "";

    public string ClientSecret { get; private set; } = "";

    public Guid OrganizationId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = Gateway((await SignInAsync("admin@acme.example")).Access());
        var viewer = (await admin.PostAsync("{ viewer { memberships { tenant { id } } } }")).Ok()["viewer"]!;
        OrganizationId = Guid.Parse(viewer["memberships"]![0]!["tenant"]!["id"]!.GetValue<string>());
        var created = (await admin.PostAsync("""
            mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { apiClient { clientId } clientSecret errors { code } } }
            """, new { input = new { tenantId = OrganizationId.ToString(), name = "SDK tests LMS", scopes = LmsScopes } })).Ok()["createApiClient"]!;
        ClientId = created["apiClient"]!["clientId"]!.GetValue<string>();
        ClientSecret = created["clientSecret"]!.GetValue<string>();
    }

    /// <summary>Options for the LMS's API client; retries quick, so tests of lost answers do not wait.</summary>
    public CourseraClientOptions Options() => new()
    {
        BaseUrl = new Uri(Address),
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        Retry = new RetryOptions { Delay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
    };

    /// <summary>
    /// The SDK as an application registers it, with <paramref name="transport"/> (a test double wrapping the socket's
    /// handler) as its primary handler. Resolve <see cref="CourseraClient"/> from it; dispose it after the test.
    /// </summary>
    private ServiceProvider SdkServices(Func<HttpMessageHandler, HttpMessageHandler>? transport = null, Action<CourseraClientOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var builder = collection.AddCourseraClient(options =>
        {
            var defaults = Options();
            options.BaseUrl = defaults.BaseUrl;
            options.ClientId = defaults.ClientId;
            options.ClientSecret = defaults.ClientSecret;
            options.Retry = defaults.Retry;
            configure?.Invoke(options);
        });
        if (transport is not null)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => transport(new SocketsHttpHandler()));
        }

        return collection.BuildServiceProvider();
    }

    /// <summary>The SDK registered with <paramref name="transport"/> below it; the double is made when the client is first resolved.</summary>
    public SdkUnderTest<TTransport> Sdk<TTransport>(Func<HttpMessageHandler, TTransport> transport, Action<CourseraClientOptions>? configure = null,
        Action<IServiceCollection>? services = null)
        where TTransport : HttpMessageHandler
    {
        TTransport? made = null;
        var provider = SdkServices(inner => made = transport(inner), configure, services);
        _ = provider.GetRequiredService<CourseraClient>();
        return new SdkUnderTest<TTransport>(provider, made!);
    }

    /// <summary>
    /// Published courses that anyone may enroll in (no prerequisites), for programs a new learner is enrolled through;
    /// read through GraphQL, since REST's course has no prerequisites.
    /// </summary>
    public async Task<List<Guid>> CoursesWithoutPrerequisitesAsync(int count)
    {
        var courses = (await Gateway().PostAsync("{ courses(first: 100) { nodes { id prerequisites { id } } } }")).Ok()["courses"]!["nodes"]!.AsArray();
        return [.. courses.Where(c => c!["prerequisites"]!.AsArray().Count == 0).Take(count).Select(c => Guid.Parse(c!["id"]!.GetValue<string>()))];
    }

    /// <summary>The first <paramref name="count"/> published courses' ids, for programs.</summary>
    public static async Task<List<Guid>> CourseIdsAsync(CourseraClient client, int count) =>
        [.. (await client.Courses.ListCoursesAsync(limit: count)).Data.Select(c => c.Id)];
}
