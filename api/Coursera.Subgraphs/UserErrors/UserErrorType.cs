using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Subgraphs.UserErrors;

/// <summary>Defined identically by every subgraph, hence shareable.</summary>
public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "A business-rule failure: the input was understood, the change was refused, nothing was stored.";
        this.Shareable();
        Field(e => e.Code).Description("Stable machine-readable code, e.g. SLUG_TAKEN.");
        Field(e => e.Message);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("path")
            .Description("The input field at fault, e.g. [\"input\", \"slug\"].")
            .Resolve(c => c.Source.Path);
    }
}
