using GraphQL.Types;

namespace Coursera.Learner.Progress;

public sealed class ProgressEventType : EnumerationGraphType<ProgressEvent>
{
    public ProgressEventType() => Name = "ProgressEvent";
}
