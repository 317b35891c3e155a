using Coursera.Learner.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Learner.PersonalData;

public sealed class DataExportType : ObjectGraphType<DataExport>
{
    public DataExportType()
    {
        Name = "DataExport";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("state").Description("PENDING until every service has answered, then READY; DOWNLOADED once fetched.")
            .Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeGraphType>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field<StringGraphType>("downloadPath")
            .Description("GET it with your access token, once, while READY: the archive is deleted as it is handed over.")
            .Resolve(c => c.Source.State == "READY" ? LearnerModule.DataExportPath.Replace("{id:guid}", c.Source.Id.ToString(), StringComparison.Ordinal) : null);
    }
}

public sealed class RequestDataExportPayloadType() : MutationPayloadType<DataExportType, DataExport>("RequestDataExportPayload", "export");

public sealed class EraseAccountPayloadType : ObjectGraphType<EraseAccountPayload>
{
    public EraseAccountPayloadType()
    {
        Name = "EraseAccountPayload";
        Field<IdGraphType>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<DateTimeGraphType>("erasedAt").Resolve(c => c.Source.ErasedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
