using Coursera.Catalog.Data;
using Coursera.Identity.Data;
using Coursera.Identity.Model;
using Coursera.Learner.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Host;

/// <summary>
/// The all-in-one host's sample data across services (each service seeds its own; this joins them): the seeded
/// learner gets a PAID entitlement to the sample course <see cref="CourseSlug"/>. Runs after the services' own
/// start-up (registered last), only when the identity and catalog seeds are on.
/// </summary>
internal sealed partial class SampleLearning(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<SampleLearning> logger)
    : IHostedService
{
    public const string LearnerEmail = "learner@acme.example";
    public const string CourseSlug = "machine-learning-foundations-northfield";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue<bool>("Identity:Seed") || !configuration.GetValue<bool>("Catalog:Seed"))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var learner = await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync(LearnerEmail);
        await using var catalog = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync(cancellationToken);
        var courseId = await catalog.Courses.Where(c => c.Slug == CourseSlug).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (learner is null || courseId is null)
        {
            return;
        }

        if (await SampleEntitlement.GrantOnceAsync(scope.ServiceProvider.GetRequiredService<IDbContextFactory<LearnerDbContext>>(), learner.Id, courseId.Value,
                clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            LogGranted(logger, LearnerEmail, CourseSlug);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample data: {Email} may take {Course} on the PAID track")]
    private static partial void LogGranted(ILogger logger, string email, string course);
}
