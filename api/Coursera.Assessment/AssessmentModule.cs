using Coursera.Assessment.Attempts;
using Coursera.Assessment.Authoring;
using Coursera.Assessment.Courses;
using Coursera.Assessment.Data;
using Coursera.Assessment.Enrollments;
using Coursera.Assessment.Gradebook;
using Coursera.Assessment.Overrides;
using Coursera.Assessment.PeerGrading;
using Coursera.Assessment.PersonalData;
using Coursera.Assessment.Programming;
using Coursera.Assessment.Regrading;
using Coursera.Assessment.Schedules;
using Coursera.Assessment.Statistics;
using Coursera.Assessment.Subgraph;
using Coursera.Documents;
using Coursera.Events;
using Coursera.ServiceDefaults.Data;
using Coursera.Subgraphs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coursera.Assessment;

/// <summary>The assessment service's only entry points: its own Program and the all-in-one host.</summary>
public static class AssessmentModule
{
    public const string GraphQLPath = "/subgraphs/assessment/graphql";

    public static IHostApplicationBuilder AddAssessment(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AssessmentOptions>().Bind(builder.Configuration.GetSection(AssessmentOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDocumentStore();
        builder.AddServiceStore<AssessmentDbContext>(AssessmentDbContext.Schema, AssessmentOptions.Section);
        builder.AddEvents(AssessmentDbContext.Schema)
            .Handle<CourseItemFollower>("assessment-courses")
            .Handle<EnrollmentFollower>("assessment-enrollments")
            .Handle<PersonalDataResponder>("assessment-personal-data");

        builder.Services.AddSingleton<AssessmentAuthoring>();
        builder.Services.AddSingleton<Proctor>();
        builder.Services.AddHostedService<OverdueAttempts>();
        builder.Services.AddSingleton<Regrader>();
        builder.Services.AddSingleton<AssessmentStatistics>();
        builder.Services.AddSingleton<AttemptGrants>();
        builder.Services.AddSingleton<CourseGrades>();
        builder.Services.AddSingleton<GradeGroups>();
        builder.Services.AddSingleton<PersonalSchedules>();
        builder.Services.AddSingleton<GradingLeases>();
        builder.Services.AddSingleton<PeerReviewing>();
        builder.Services.AddHostedService<RelaxedSubmissions>();
        builder.Services.AddScoped<AssessmentLoaders>();
        builder.AddSubgraph<AssessmentSchema>();
        return builder;
    }

    public static WebApplication MapAssessment(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSubgraph<AssessmentSchema>(path);
        return app;
    }
}
