using Coursera.Catalog.Data;
using Coursera.Identity.Model;
using Coursera.Learner.Data;
using Coursera.ServiceDefaults.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Host;

/// <summary>
/// The all-in-one host's sample data across services (each service seeds its own; this joins them): the seeded
/// learner gets a PAID entitlement to the sample course <see cref="CourseSlug"/>. A step of the learner store, the last
/// one set up (after identity's and the catalog's, whose seeds it joins), only when both seeds are on.
/// </summary>
internal sealed partial class SampleLearning(
    UserManager<User> users,
    IDbContextFactory<CatalogDbContext> catalogs,
    IDbContextFactory<LearnerDbContext> learners,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<SampleLearning> logger)
    : IStoreStep<LearnerDbContext>
{
    public const string LearnerEmail = "learner@acme.example";
    public const string CourseSlug = CatalogSeed.SampleCourseSlug;

    public async Task RunAsync(LearnerDbContext db, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Identity:Seed") || !configuration.GetValue<bool>("Catalog:Seed"))
        {
            return;
        }

        var learner = await users.FindByEmailAsync(LearnerEmail);
        await using var catalog = await catalogs.CreateDbContextAsync(cancellationToken);
        var courseId = await catalog.Courses.Where(c => c.Slug == CourseSlug).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (learner is null || courseId is null)
        {
            return;
        }

        if (await SampleEntitlement.GrantOnceAsync(learners, learner.Id, courseId.Value,
                clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            LogGranted(logger, LearnerEmail, CourseSlug);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample data: {Email} may take {Course} on the PAID track")]
    private static partial void LogGranted(ILogger logger, string email, string course);
}
