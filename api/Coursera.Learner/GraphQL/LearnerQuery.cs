using Coursera.GraphQL.Errors;
using Coursera.Learner.Certificates;
using Coursera.Learner.GraphQL.Types;
using Coursera.Learner.PersonalData;
using Coursera.Learner.Programs;
using Coursera.Learner.Data;
using Microsoft.EntityFrameworkCore;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Learner.GraphQL;

public sealed class LearnerQuery : ObjectGraphType
{
    public LearnerQuery()
    {
        Name = "Query";
        Field<CertificateType>("certificate")
            .Description("A certificate by the code printed on it, for anyone to check; null when no certificate has the code.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c =>
            {
                var code = c.GetArgument<string>("code");
                if (code.Length is 0 or > 32)
                {
                    throw GraphQLErrors.BadUserInput("'code' is not a certificate code.");
                }

                return await c.Service<CertificateIssuer>().FindAsync(code, c.CancellationToken);
            });
        Field<ProgramType>("program")
            .Description("A program of an organization you manage; null otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                await using var db = await c.Service<IDbContextFactory<LearnerDbContext>>().CreateDbContextAsync(c.CancellationToken);
                return await ProgramAdministration.FindManagedAsync(db, c.GetArgument<string>("id"), c.Caller(), c.CancellationToken);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramType>>>>("programs")
            .Description("The programs of an organization you manage.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .ResolveAsync(async c =>
            {
                var organizationId = Coursera.GraphQL.Ids.Parse(c.GetArgument<string>("organizationId"), "organizationId");
                ProgramAccess.Ensure(c.Caller(), organizationId);
                await using var db = await c.Service<IDbContextFactory<LearnerDbContext>>().CreateDbContextAsync(c.CancellationToken);
                return await db.Programs.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.CreatedAt).ToListAsync(c.CancellationToken);
            });
        Field<BulkEnrollmentJobType>("bulkEnrollmentJob")
            .Description("A bulk enrollment job of an organization you manage; null otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var id = Coursera.GraphQL.Ids.Parse(c.GetArgument<string>("id"), "id");
                await using var db = await c.Service<IDbContextFactory<LearnerDbContext>>().CreateDbContextAsync(c.CancellationToken);
                var job = await db.BulkJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, c.CancellationToken);
                return job is not null && ProgramAccess.CanManage(c.Caller(), job.OrganizationId) ? job : null;
            });
        Field<DataExportType>("dataExport")
            .Description("One of your personal-data exports.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<DataExports>().FindAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
    }
}
