using Coursera.Learner.Certificates;
using Coursera.Learner.PersonalData;
using Coursera.Learner.Programs;
using Coursera.Subgraphs;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Learner.Subgraph;

public sealed class LearnerQuery : ObjectGraphType
{
    public LearnerQuery()
    {
        Name = "Query";
        Field<CertificateType>("certificate")
            .Description("A certificate by the code printed on it, for anyone to check; null when no certificate has the code.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c => await c.Service<CertificateIssuer>().FindAsync(c.GetArgument<string>("code"), c.CancellationToken));
        Field<ProgramType>("program")
            .Description("A program of an organization you manage; null otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<ProgramAdministration>().FindAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgramType>>>>("programs")
            .Description("The programs of an organization you manage.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .ResolveAsync(async c => await c.Service<ProgramAdministration>().ListAsync(c.GetArgument<string>("organizationId"), c.Caller(),
                c.CancellationToken));
        Field<BulkEnrollmentJobType>("bulkEnrollmentJob")
            .Description("A bulk enrollment job of an organization you manage; null otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<BulkEnrollment>().FindJobAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
        Field<DataExportType>("dataExport")
            .Description("One of your personal-data exports.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<DataExports>().FindAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
    }
}
