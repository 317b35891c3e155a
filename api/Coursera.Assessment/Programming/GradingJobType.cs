using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Programming;

public sealed class GradingJobType : ObjectGraphType<GradingJobView>
{
    public GradingJobType()
    {
        Name = "GradingJob";
        Description = "A programming submission leased to a grading worker.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Job.Id);
        Field<NonNullGraphType<GradingJobStateType>>("state").Resolve(c => c.Source.Job.State);
        Field<StringGraphType>("leaseToken").Description("Sent back with the result: it proves the lease is still this worker's.")
            .Resolve(c => c.Source.Job.State == GradingJobState.Leased ? c.Source.Job.LeaseToken : null);
        Field<DateTimeGraphType>("leaseExpiresAt").Resolve(c => c.Source.Job.LeaseExpiresAt);
        Field<NonNullGraphType<IntGraphType>>("tries").Resolve(c => c.Source.Job.Tries);
        Field<NonNullGraphType<GraderType>>("grader").Resolve(c => c.Source.Grader);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubmittedFileType>>>>("files").Resolve(c => c.Source.Files);
    }
}

public sealed class GradingJobStateType : EnumerationGraphType<GradingJobState>
{
    public GradingJobStateType() => Name = "GradingJobState";
}
