namespace Coursera.Sdk;

/// <summary>
/// Every list of the API as an <see cref="IAsyncEnumerable{T}"/> that follows <c>nextCursor</c> to the end. The
/// parameters are the list operation's own; <c>limit</c> sets the page size, not how many items are read.
/// </summary>
/// <example>
/// <code>
/// await foreach (var course in client.Courses.ListAllCoursesAsync(search: "python"))
/// {
///     Console.WriteLine(course.Title);
/// }
/// </code>
/// </example>
public static class AutoPagingExtensions
{
    /// <summary>Every published course that matches, in the list's order (see <see cref="ICoursesClient.ListCoursesAsync"/>).</summary>
    public static IAsyncEnumerable<Course> ListAllCoursesAsync(this ICoursesClient courses, string? search = null, string? partner = null,
        string? language = null, string? level = null, string? skill = null, string? orderBy = null, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(courses);
        return AutoPager.ItemsAsync<PageOfCourse, Course>(
            (cursor, ct) => courses.ListCoursesAsync(search, partner, language, level, skill, orderBy, limit, cursor, ct), cancellationToken);
    }

    /// <summary>Every member of a program, oldest first (see <see cref="IProgramsClient.ListProgramMembersAsync"/>).</summary>
    public static IAsyncEnumerable<ProgramMember> ListAllProgramMembersAsync(this IProgramsClient programs, Guid programId, int? limit = null,
        string? include = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programs);
        return AutoPager.ItemsAsync<PageOfProgramMember, ProgramMember>(
            (cursor, ct) => programs.ListProgramMembersAsync(programId, limit, cursor, include, ct), cancellationToken);
    }

    /// <summary>Every program of an organization (see <see cref="IProgramsClient.ListProgramsAsync"/>).</summary>
    public static IAsyncEnumerable<EnterpriseProgram> ListAllProgramsAsync(this IProgramsClient programs, Guid organizationId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(programs);
        return AutoPager.ItemsAsync<PageOfEnterpriseProgram, EnterpriseProgram>(ct => programs.ListProgramsAsync(organizationId, ct), cancellationToken);
    }

    /// <summary>Every row of a bulk enrollment job, in row order (see <see cref="IEnrollmentsClient.ListBulkEnrollmentRowsAsync"/>).</summary>
    public static IAsyncEnumerable<BulkEnrollmentRow> ListAllBulkEnrollmentRowsAsync(this IEnrollmentsClient enrollments, Guid jobId,
        string? status = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enrollments);
        return AutoPager.ItemsAsync<PageOfBulkEnrollmentRow, BulkEnrollmentRow>(
            (cursor, ct) => enrollments.ListBulkEnrollmentRowsAsync(jobId, status, limit, cursor, ct), cancellationToken);
    }

    /// <summary>Every licence of an organization, latest end first (see <see cref="ILicencesClient.ListLicencesAsync"/>).</summary>
    public static IAsyncEnumerable<Licence> ListAllLicencesAsync(this ILicencesClient licences, Guid organizationId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(licences);
        return AutoPager.ItemsAsync<PageOfLicence, Licence>(ct => licences.ListLicencesAsync(organizationId, ct), cancellationToken);
    }

    /// <summary>The course grade of every member of an organization (see <see cref="IGradesClient.ListCourseGradesAsync"/>).</summary>
    public static IAsyncEnumerable<MemberGrade> ListAllCourseGradesAsync(this IGradesClient grades, Guid organizationId, Guid courseId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grades);
        return AutoPager.ItemsAsync<PageOfMemberGrade, MemberGrade>(ct => grades.ListCourseGradesAsync(organizationId, courseId, ct), cancellationToken);
    }

    /// <summary>
    /// Every webhook endpoint of a tenant (see <see cref="IWebhookEndpointsClient.ListWebhookEndpointsAsync"/>): an API
    /// client's own when <paramref name="tenantId"/> is null; a user names the tenant.
    /// </summary>
    public static IAsyncEnumerable<WebhookEndpoint> ListAllWebhookEndpointsAsync(this IWebhookEndpointsClient endpoints, Guid? tenantId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return AutoPager.ItemsAsync<PageOfWebhookEndpoint, WebhookEndpoint>(ct => endpoints.ListWebhookEndpointsAsync(tenantId, ct), cancellationToken);
    }

    /// <summary>An endpoint's latest delivery attempts, newest first (see <see cref="IWebhookEndpointsClient.ListWebhookAttemptsAsync"/>).</summary>
    public static IAsyncEnumerable<WebhookAttempt> ListAllWebhookAttemptsAsync(this IWebhookEndpointsClient endpoints, Guid endpointId,
        Guid? tenantId = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return AutoPager.ItemsAsync<PageOfWebhookAttempt, WebhookAttempt>(ct => endpoints.ListWebhookAttemptsAsync(endpointId, tenantId, limit, ct),
            cancellationToken);
    }
}
