using Coursera.Assessment.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Assessment.Overrides;

/// <summary>A recorded grant (extra attempts, an extension, extra time): who received it, what, from whom, when and why.</summary>
public sealed class AttemptGrantType : ObjectGraphType<AttemptGrant>
{
    public AttemptGrantType()
    {
        Name = "AttemptGrant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<NonNullGraphType<IntGraphType>>("extraAttempts").Resolve(c => c.Source.ExtraAttempts);
        Field<DateTimeGraphType>("deadline").Description("The learner's own deadline, when the grant sets one.").Resolve(c => c.Source.Deadline);
        Field<NonNullGraphType<IntGraphType>>("extraTimeMinutes").Resolve(c => c.Source.ExtraMinutes);
        Field<NonNullGraphType<StringGraphType>>("grantedBy").Description("The author's token subject: a user id or an API client id.")
            .Resolve(c => c.Source.GrantedBy);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateTimeGraphType>>("grantedAt").Resolve(c => c.Source.GrantedAt);
    }
}

public sealed class GrantExtraAttemptsPayloadType() : MutationPayloadType<AttemptGrantType, AttemptGrant>("GrantExtraAttemptsPayload", "grant");

public sealed class GrantExtensionPayloadType() : MutationPayloadType<AttemptGrantType, AttemptGrant>("GrantExtensionPayload", "grant");
