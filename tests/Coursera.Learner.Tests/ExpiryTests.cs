using Microsoft.Extensions.DependencyInjection;
using static Coursera.Platform.Testing.LearningPath;

namespace Coursera.Learner.Tests;

/// <summary>Enrollments end with their session. A host of its own: expiring "a year from now" touches every enrollment in it.</summary>
public sealed class ExpiryTests(PlatformApp platform) : IClassFixture<PlatformApp>
{
    private readonly LearningPath _path = new(platform);

    [Fact]
    public async Task An_active_enrollment_expires_when_its_session_ends_and_the_learner_may_enroll_again()
    {
        var course = await _path.PublishCourseAsync("expiring-course");
        var (learner, _) = await _path.LearnerAsync();
        Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }));
        var expiry = platform.Services.GetRequiredService<Enrollments.EnrollmentExpiry>();

        Assert.Equal(0, await expiry.ExpireDueAsync(DateTime.UtcNow, CancellationToken.None)); // the session runs for months
        Assert.True(await expiry.ExpireDueAsync(DateTime.UtcNow.AddYears(1), CancellationToken.None) >= 1);
        const string Mine = "query($c: ID!) { course(id: $c) { viewerEnrollment { state } } }";
        Assert.Equal("EXPIRED", (await learner.PostAsync(Mine, new { c = course.Id })).Ok()["course"]!["viewerEnrollment"]!["state"]!.GetValue<string>());
        await using (var connection = new Npgsql.NpgsqlConnection(platform.ConnectionString))
        {
            // Other services hear of it (the assessment service stops the enrollment's attempts).
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM learner.outbox WHERE type = 'enrollment.expired' AND envelope->'data'->>'courseId' = $1 AND envelope->'data'->>'state' = 'EXPIRED'", connection);
            count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = course.Id });
            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
        }

        Assert.Equal("ACTIVE", Accepted(await learner.PostAsync(EnrollMutation, new { c = course.Id, s = course.OpenSessionId, t = "AUDIT" }))
            ["enroll"]!["enrollment"]!["state"]!.GetValue<string>());
    }
}
