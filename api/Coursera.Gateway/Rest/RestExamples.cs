using System.Text.Json;
using System.Text.Json.Nodes;
using Coursera.Gateway.Rest.Courses;
using Coursera.Gateway.Rest.Enrollments;
using Coursera.Gateway.Rest.LearningRecords;
using Coursera.Gateway.Rest.Licences;
using Coursera.Gateway.Rest.Programs;
using Coursera.Gateway.Rest.WebhookEndpoints;
using Microsoft.AspNetCore.OpenApi;

namespace Coursera.Gateway.Rest;

/// <summary>
/// The examples the OpenAPI document shows for the main resources and requests. They are instances of the resource
/// types themselves, serialized like responses, so an example cannot drift from the type it illustrates.
/// </summary>
public static class RestExamples
{
    private static readonly Guid OrganizationId = Guid.Parse("01a23c31-b5af-726a-b125-1b879b814226");
    private static readonly Guid CourseId = Guid.Parse("01a23c31-cad2-7ee0-a915-968906b5ed21");
    private static readonly Guid ProgramId = Guid.Parse("01a23c37-c38e-7d1a-bcb8-c9010193bf88");
    private static readonly Guid EnrollmentId = Guid.Parse("01a23c40-1f2e-7b3c-8d4e-5f6a7b8c9d0e");
    private static readonly Guid LearnerId = Guid.Parse("01a23c33-77aa-7bb1-9cc2-ddeeff001122");
    private static readonly Guid JobId = Guid.Parse("01a23c37-fe42-71ff-b524-9097a8eba8de");
    private static readonly DateTimeOffset At = new(2026, 12, 3, 14, 3, 52, TimeSpan.Zero);

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(Course)] = new Course(CourseId, "public-health-and-epidemiology-northfield", "Public Health and Epidemiology",
            "Measuring disease and evaluating interventions", "How epidemiologists measure disease and judge what works.", "en", "INTERMEDIATE",
            ["public health", "statistics"], 22, "PUBLISHED", At.AddMonths(-10),
            new CoursePartner(Guid.Parse("01940000-0000-7000-8000-000000000001"), "northfield", "Northfield University"),
            [new CourseSession(Guid.Parse("01a23c31-cad2-7cfa-94d5-1cfd92fea314"), At.AddMonths(-11), At.AddYears(4), At.AddMonths(-11), At.AddYears(3))],
            "https://learn.coursera.example/learn/public-health-and-epidemiology-northfield"),
        [typeof(EnterpriseProgram)] = new EnterpriseProgram(ProgramId, OrganizationId, "Data skills 2027", "For the analytics guild.", [CourseId]),
        [typeof(CreateProgramRequest)] = new CreateProgramRequest("Data skills 2027", "For the analytics guild.", [CourseId]),
        [typeof(ProgramMembersRequest)] = new ProgramMembersRequest([new MemberReference(null, "ana@acme.example", "ACME-0001")]),
        [typeof(ProgramMember)] = new ProgramMember(Guid.Parse("01a23c38-0a0b-7c0d-8e0f-101112131415"), LearnerId, "ana@acme.example", "ACME-0001", true,
            [new MemberEnrollment(EnrollmentId, CourseId, "ACTIVE", "ENTERPRISE", At, null, null, new EnrollmentProgress(0.25, 8, 2, At.AddHours(3)), null)]),
        [typeof(BulkEnrollmentRequest)] = new BulkEnrollmentRequest([new EnrollmentRequest(null, "ACME-0001", CourseId.ToString())]),
        [typeof(BulkEnrollmentJob)] = new BulkEnrollmentJob(JobId, "DONE", "9b2f6c1e-2c57-4a8e-9d0b-6c1f3e5a7d21", 2, 1, 1, At, At.AddSeconds(1)),
        [typeof(BulkEnrollmentRow)] = new BulkEnrollmentRow(2, null, "ACME-0002", CourseId.ToString(), "FAILED", "LEARNER_NOT_FOUND",
            "No member of the program has this external id (or they have not joined).", null),
        [typeof(LearningRecord)] = new LearningRecord("MTIzNA", "PROGRESS", false, EnrollmentId, LearnerId, "ACME-0001", "ana@acme.example", CourseId,
            Guid.Parse("01a23c31-cad2-7cfa-94d5-1cfd92fea314"), "ENTERPRISE", "ACTIVE", 0.25, Guid.Parse("01a23c31-cad2-73c9-92f4-1788ddb1c461"),
            "COMPLETED", null, null, At.AddHours(3)),
        [typeof(Licence)] = new Licence(Guid.Parse("01a23c37-2756-7299-8a8e-d02c3e4c7133"), OrganizationId, 100, 37, At.AddDays(-1), At.AddYears(1), [], At),
        [typeof(WebhookEndpoint)] = new WebhookEndpoint(Guid.Parse("01a23c54-0c5c-7d84-9989-226b6ac7eacc"), OrganizationId, "https://lms.acme.example/hooks/coursera",
            ["enrollment.completed", "certificate.issued"], "Completions into the LMS", true, null, At),
    };

    /// <summary>Sets the example of each schema whose type has one.</summary>
    public static Task ApplyAsync(Microsoft.OpenApi.OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
        {
            schema.Examples = [JsonSerializer.SerializeToNode(example, example.GetType(), RestOperations.Json)!];
        }

        return Task.CompletedTask;
    }
}
