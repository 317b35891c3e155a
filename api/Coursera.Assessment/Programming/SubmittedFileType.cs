using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Programming;

public sealed class SubmittedFileType : ObjectGraphType<SubmittedFile>
{
    public SubmittedFileType()
    {
        Name = "SubmittedFile";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("content").Resolve(c => c.Source.Content);
    }
}
