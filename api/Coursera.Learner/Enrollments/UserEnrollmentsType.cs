using Coursera.Learner.Subgraph;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Learner.Enrollments;

/// <summary>The identity subgraph's user: this subgraph adds their enrollments (for themselves and platform administrators).</summary>
public sealed class UserEnrollmentsType : ObjectGraphType<UserReference>
{
    public UserEnrollmentsType()
    {
        Name = "User";
        this.Key("id");
        this.ResolveReference<IdReference, UserReference>((_, reference) => new UserReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        this.EnrollmentsField();
    }
}
