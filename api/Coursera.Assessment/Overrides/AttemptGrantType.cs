using Coursera.Assessment.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Assessment.Overrides;

/// <summary>A recorded grant of extra attempts: who received them, how many, from whom, when and why.</summary>
public sealed class AttemptGrantType : ObjectGraphType<AttemptGrant>
{
    public AttemptGrantType()
    {
        Name = "AttemptGrant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<NonNullGraphType<IntGraphType>>("extraAttempts").Resolve(c => c.Source.ExtraAttempts);
        Field<NonNullGraphType<StringGraphType>>("grantedBy").Description("The author's token subject: a user id or an API client id.")
            .Resolve(c => c.Source.GrantedBy);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateTimeGraphType>>("grantedAt").Resolve(c => c.Source.GrantedAt);
    }
}

public sealed class GrantExtraAttemptsPayloadType() : MutationPayloadType<AttemptGrantType, AttemptGrant>("GrantExtraAttemptsPayload", "grant");
