using Coursera.Assessment.Attempts;
using Coursera.Subgraphs;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Assessment.Subgraph;

public sealed class AssessmentQuery : ObjectGraphType
{
    public AssessmentQuery()
    {
        Name = "Query";
        Field<AttemptType>("attempt")
            .Description("One of your own attempts; null for anyone else's.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<Proctor>().FindAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
    }
}
