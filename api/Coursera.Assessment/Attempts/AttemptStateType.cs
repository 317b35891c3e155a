using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.Attempts;

public sealed class AttemptStateType : EnumerationGraphType<AttemptState>
{
    public AttemptStateType() => Name = "AttemptState";
}
