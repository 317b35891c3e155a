using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Coursera.Gateway.Rest.Enrollments;

/// <summary>Up to 10,000 enrollments of the program's members in its courses, on the ENTERPRISE track.</summary>
public sealed record BulkEnrollmentRequest([property: Required] IReadOnlyList<EnrollmentRequest> Rows);

/// <summary>One member in one of the program's courses: the member by user id or by your external id.</summary>
public sealed record EnrollmentRequest(
    [property: Description("The learner's user id.")] string? LearnerId,
    [property: Description("Your own id for the member, as added to the program.")] string? ExternalId,
    [property: Required] string CourseId);
