using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coursera.Sdk;

/// <summary>
/// The Coursera integration API (REST v1): one property per part of the API, all sharing one HTTP client that gets
/// and renews the access token, gives every POST an idempotency key and retries transient failures.
/// </summary>
/// <example>
/// <code>
/// using var client = new CourseraClient(new CourseraClientOptions
/// {
///     BaseUrl = new Uri("https://api.coursera.example/"),
///     ClientId = "org-acme-lms",
///     ClientSecret = secret,
/// });
/// var me = await client.Me.GetMeAsync();
/// </code>
/// </example>
public sealed class CourseraClient : IDisposable
{
    private readonly ServiceProvider? _ownServices;

    /// <summary>A client of its own, outside dependency injection; dispose it when done.</summary>
    /// <param name="options">Where the platform is and which API client to act as.</param>
    /// <exception cref="InvalidOperationException">The options cannot work (see <see cref="CourseraClientOptions.Validate"/>).</exception>
    public CourseraClient(CourseraClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(options));

        // This client keeps its one HTTP client for life, so the factory's handler rotation never happens for it: the
        // connections themselves are renewed instead, so DNS changes are followed.
        services.AddCourseraHttpClient()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _ownServices = services.BuildServiceProvider();
        var http = _ownServices.GetRequiredService<IHttpClientFactory>().CreateClient(CourseraServiceCollectionExtensions.HttpClientName);
        (Me, Courses, Programs, Enrollments, LearningRecords, Certificates, Licences, Grades, WebhookEndpoints) = Parts(http);
    }

    /// <summary>
    /// A client on an HTTP client that already has the SDK's handlers and base address: the one
    /// <see cref="CourseraServiceCollectionExtensions.AddCourseraClient"/> registers is made this way.
    /// </summary>
    /// <param name="httpClient">The HTTP client; its owner disposes it.</param>
    [ActivatorUtilitiesConstructor]
    public CourseraClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        (Me, Courses, Programs, Enrollments, LearningRecords, Certificates, Licences, Grades, WebhookEndpoints) = Parts(httpClient);
    }

    /// <summary>The caller: the API client's tenant, organizations and scopes (<c>/v1/me</c>).</summary>
    public ICallerClient Me { get; }

    /// <summary>The catalog: courses and their outlines.</summary>
    public ICoursesClient Courses { get; }

    /// <summary>An organization's programs and their members.</summary>
    public IProgramsClient Programs { get; }

    /// <summary>Enrolling program members, one at a time or in bulk jobs.</summary>
    public IEnrollmentsClient Enrollments { get; }

    /// <summary>The learning-records feed; see <see cref="LearningRecordFeedExtensions.Feed"/> to follow it.</summary>
    public ILearningRecordsClient LearningRecords { get; }

    /// <summary>Checking a certificate by its code.</summary>
    public ICertificatesClient Certificates { get; }

    /// <summary>An organization's licences and seats.</summary>
    public ILicencesClient Licences { get; }

    /// <summary>The course grades of an organization's members.</summary>
    public IGradesClient Grades { get; }

    /// <summary>Your tenant's webhook endpoints, their secrets and delivery attempts.</summary>
    public IWebhookEndpointsClient WebhookEndpoints { get; }

    /// <summary>Releases the HTTP client of a client made from options; nothing for one made by dependency injection.</summary>
    public void Dispose() => _ownServices?.Dispose();

    private static (ICallerClient, ICoursesClient, IProgramsClient, IEnrollmentsClient, ILearningRecordsClient, ICertificatesClient,
        ILicencesClient, IGradesClient, IWebhookEndpointsClient) Parts(HttpClient http) =>
        (new CallerClient(http), new CoursesClient(http), new ProgramsClient(http), new EnrollmentsClient(http), new LearningRecordsClient(http),
            new CertificatesClient(http), new LicencesClient(http), new GradesClient(http), new WebhookEndpointsClient(http));
}
