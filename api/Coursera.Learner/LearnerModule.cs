using Coursera.Documents;
using Coursera.Events;
using Coursera.Learner.Certificates;
using Coursera.Learner.Courses;
using Coursera.Learner.Data;
using Coursera.Learner.Enrollments;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Licences;
using Coursera.Learner.PersonalData;
using Coursera.Learner.Programs;
using Coursera.Learner.Progress;
using Coursera.Learner.Subgraph;
using Coursera.ServiceDefaults.Data;
using Coursera.ServiceDefaults.Mail;
using Coursera.Subgraphs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coursera.Learner;

/// <summary>The learner service's only entry points: its own Program and the all-in-one host.</summary>
public static class LearnerModule
{
    public const string GraphQLPath = "/subgraphs/learner/graphql";

    /// <summary>Where anyone fetches the public key that certificates are signed with.</summary>
    public const string CertificateKeysPath = "/.well-known/certificate-keys.json";

    /// <summary>Where an owner downloads a ready personal-data export, once.</summary>
    public const string DataExportPath = "/personal-data/exports/{id:guid}";

    public static IHostApplicationBuilder AddLearner(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LearnerOptions>().Bind(builder.Configuration.GetSection(LearnerOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDocumentStore();
        builder.AddMail();
        builder.AddServiceStore<LearnerDbContext>(LearnerDbContext.Schema, LearnerOptions.Section)
            .AfterMigration<ProgressIndexes>();
        builder.AddEvents(LearnerDbContext.Schema)
            .Handle<CourseFollower>("learner-courses")
            .Handle<VideoFollower>("learner-videos")
            .Handle<GradeFollower>("learner-grades")
            .Handle<EntitlementFollower>("learner-entitlements")
            .Handle<LicenceFollower>("learner-licences")
            .Handle<ExportAssembler>("learner-personal-data")
            .Handle<InvitationEraser>("learner-erasure")
            .Handle<ProgramInvitations>("learner-invitations");

        builder.Services.AddSingleton<LearningRecordLog>();
        builder.Services.AddSingleton<LearningRecordFeed>();
        builder.Services.AddSingleton<Registrar>();
        builder.Services.AddSingleton<EnrollmentExpiry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EnrollmentExpiry>());
        builder.Services.AddScoped<ViewerLearning>();
        builder.Services.AddSingleton<ProgressRecorder>();
        builder.Services.AddSingleton<CertificateKeys>();
        builder.Services.AddSingleton<CertificateIssuer>();
        builder.Services.AddSingleton<ProgramAdministration>();
        builder.Services.AddSingleton<BulkEnrollment>();
        builder.Services.AddHostedService<BulkEnrollmentRunner>();
        builder.Services.AddSingleton<DataExports>();
        builder.Services.AddSingleton<AccountErasure>();
        builder.Services.AddScoped<LearnerLoaders>();
        builder.AddSubgraph<LearnerSchema>();
        return builder;
    }

    public static WebApplication MapLearner(this WebApplication app, string path = GraphQLPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSubgraph<LearnerSchema>(path);
        app.MapGet(CertificateKeysPath, (CertificateKeys keys) => Results.Json(keys.Jwks)).AllowAnonymous();
        app.MapGet(DataExportPath, async (Guid id, HttpContext http, DataExports exports, CancellationToken cancellationToken) =>
        {
            var caller = ServiceDefaults.Authentication.Caller.From(http.User);
            if (caller.UserId is not { } userId)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in to download your data.");
            }

            if (!caller.HasScope(LearnerCallers.PersonalDataScope))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                    title: $"Downloading your data needs a token of Coursera's own apps with the '{LearnerCallers.PersonalDataScope}' scope.");
            }

            var archive = await exports.DownloadAsync(id, userId, cancellationToken);
            return archive is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No ready export of yours has this id; an export can be downloaded once.")
                : Results.Json(archive, statusCode: StatusCodes.Status200OK);
        });
        return app;
    }
}
