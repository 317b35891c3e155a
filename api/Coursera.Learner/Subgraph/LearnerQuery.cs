using Coursera.Learner.Certificates;
using Coursera.Learner.LearningRecords;
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
        Field<NonNullGraphType<LearningRecordPageType>>("learningRecords")
            .Description("Changes to the enterprise learning of an organization (its ENTERPRISE enrollments), oldest first: enrollments, item progress "
                + "(an item started, completed), grades, completions, track and session changes, and tombstones for withdrawals and erased "
                + "accounts, each within the transaction of the change. Pull it incrementally: store the page's cursor and pass it as after; "
                + "resuming after a cursor misses no change and repeats none. For the organization's administrators, its API clients with "
                + "reports:read, and platform administrators.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<DateTimeGraphType>("updatedSince", "Without after: start at the first record that occurred at or after this time.")
            .Argument<StringGraphType>("after", "A cursor from an earlier page: the records after it (wins over updatedSince).")
            .Argument<IntGraphType>("first", a =>
            {
                a.DefaultValue = LearningRecordFeed.DefaultPageSize;
                a.Description = $"At most this many records, 1 to {LearningRecordFeed.MaxPageSize}.";
            })
            .ResolveAsync(async c => await c.Service<LearningRecordFeed>().ReadAsync(c.GetArgument<string>("organizationId"), c.GetArgument<DateTime?>("updatedSince"),
                c.GetArgument<string?>("after"), c.GetArgument<int?>("first"), c.Caller(), c.CancellationToken));
        Field<DataExportType>("dataExport")
            .Description("One of your personal-data exports.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<DataExports>().FindAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
    }
}
