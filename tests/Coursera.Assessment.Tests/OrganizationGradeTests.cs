using static Coursera.Assessment.Tests.ProgrammingAssignmentTests;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Assessment.Tests;

/// <summary>An organization's administrators read the course grades of the learners it enrolled, and no one else's.</summary>
public sealed class OrganizationGradeTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    private const string Report = """
        query($c: [_Any!]!, $o: ID!) { _entities(representations: $c) { ... on Course { organizationGrades(organizationId: $o) {
          learnerId grade { score passed breakdown { title score } } } } } }
        """;

    [Fact]
    public async Task An_organization_reads_its_program_members_grades_only()
    {
        var (_, _, partner) = await app.ClientsAsync();
        var (organizationId, admin) = await app.OrganizationAdminAsync();
        var (courseId, quizId) = await app.PublishCourseAsync("QUIZ");
        string? assessmentId = null;
        await Eventually(async () =>
        {
            assessmentId = (await partner.PostAsync("""
                mutation($i: ID!) { createAssessment(input: {itemId: $i, title: "Check", questions: [{id: "a", kind: NUMERIC, prompt: "One?", numericAnswer: 1}]}) {
                  assessment { id } errors { code } } }
                """, new { i = quizId })).Ok()["createAssessment"]!["assessment"]?["id"]?.GetValue<string>();
            return assessmentId is not null;
        });
        await PublishAsync(partner, assessmentId!);

        // Ann came through the organization's program; Bo enrolled on his own.
        var (annId, annToken) = await app.NewLearnerAsync();
        await app.EnrollAsync(annId, courseId, organizationId);
        var ann = app.Client(annToken);
        var (_, bo) = await app.EnrolledLearnerAsync(courseId);
        foreach (var learner in new[] { ann, bo })
        {
            Accepted(await learner.PostAsync("mutation($a: ID!) { submitAttempt(input: {attemptId: $a, answers: [{questionId: \"a\", number: 1}]}) { errors { code } } }",
                new { a = await StartAsync(learner, quizId) }));
        }

        var course = new[] { new Dictionary<string, object> { ["__typename"] = "Course", ["id"] = courseId } };
        var report = (await admin.PostAsync(Report, new { c = course, o = organizationId })).Ok()["_entities"]![0]!["organizationGrades"]!.AsArray();
        var member = Assert.Single(report)!;
        Assert.Equal(annId.ToString(), member["learnerId"]!.GetValue<string>());
        Assert.Equal(1.0, member["grade"]!["score"]!.GetValue<double>(), 6);
        Assert.True(member["grade"]!["passed"]!.GetValue<bool>());

        Assert.Equal("FORBIDDEN", (await ann.PostAsync(Report, new { c = course, o = organizationId })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await partner.PostAsync(Report, new { c = course, o = organizationId })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await admin.PostAsync(Report, new { c = course, o = Guid.CreateVersion7() })).ErrorCode()); // another organization
        Assert.Equal("UNAUTHENTICATED", (await new Coursera.Testing.GraphQLHttpClient(app.CreateClient()).PostAsync(Report, new { c = course, o = organizationId })).ErrorCode());
    }
}
