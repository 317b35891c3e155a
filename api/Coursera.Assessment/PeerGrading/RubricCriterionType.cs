using Coursera.Assessment.Model;
using GraphQL.Types;

namespace Coursera.Assessment.PeerGrading;

public sealed class RubricCriterionType : ObjectGraphType<RubricCriterion>
{
    public RubricCriterionType()
    {
        Name = "RubricCriterion";
        Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RubricLevelType>>>>("levels").Resolve(c => c.Source.Levels);
    }
}

public sealed class RubricLevelType : ObjectGraphType<RubricLevel>
{
    public RubricLevelType()
    {
        Name = "RubricLevel";
        Field<NonNullGraphType<FloatGraphType>>("points").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<StringGraphType>>("label").Resolve(c => c.Source.Label);
    }
}
