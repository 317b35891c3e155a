using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Assessment.Authoring;

public sealed record ItemGradeView(double Score, bool Passed);

public sealed class ItemGradeType : ObjectGraphType<ItemGradeView>
{
    public ItemGradeType()
    {
        Name = "ItemGrade";
        Field<NonNullGraphType<FloatGraphType>>("score").Description("0 to 1.").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<BooleanGraphType>>("passed").Resolve(c => c.Source.Passed);
    }
}
