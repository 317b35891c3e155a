using Coursera.ServiceDefaults.Authentication;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Coursera.Subgraphs.UserErrors;

/// <summary>The one shape of every mutation field: <c>verbNoun(input: VerbNounInput!): VerbNounPayload!</c>.</summary>
public static class MutationFields
{
    /// <summary>
    /// Adds <c>name(input: TInput!): TPayloadType!</c>, resolved by <typeparamref name="TService"/> (from the request's
    /// services) with the input and the caller. The input type is GraphQL.NET's auto-registered input of
    /// <typeparamref name="TInput"/>, so its field names and nullability come from the C# class.
    /// </summary>
    public static FieldBuilder<object?, object> Mutation<TPayloadType, TInput, TService>(this ObjectGraphType mutation,
        string name, string? description, Func<TService, TInput, Caller, CancellationToken, Task<object?>> resolve)
        where TPayloadType : IGraphType
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(mutation);
        ArgumentNullException.ThrowIfNull(resolve);
        return mutation.Field<NonNullGraphType<TPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<AutoRegisteringInputObjectGraphType<TInput>>>("input")
            .ResolveAsync(async c => await resolve(c.Service<TService>(), c.GetArgument<TInput>("input"), c.Caller(), c.CancellationToken)
                .ConfigureAwait(false));
    }
}
