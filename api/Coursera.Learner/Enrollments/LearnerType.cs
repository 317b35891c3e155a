using Coursera.Learner.Subgraph;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Learner.Enrollments;

/// <summary>A learner: a person as this subgraph knows them, by their user id.</summary>
public sealed class LearnerType : ObjectGraphType<LearnerReference>
{
    public LearnerType()
    {
        Name = "Learner";
        this.Key("id");
        this.ResolveReference<IdReference, LearnerReference>((_, reference) => new LearnerReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        this.EnrollmentsField();
    }
}
