using GraphQL.Types;

namespace Coursera.Subgraphs.UserErrors;

/// <summary>The result of a mutation: the changed object, or the reasons nothing changed.</summary>
public sealed record MutationPayload<T>(T? Value, IReadOnlyList<UserError> Errors)
    where T : class
{
    public static MutationPayload<T> Changed(T value) => new(value, []);

    public static MutationPayload<T> Refused(IEnumerable<UserError> errors) => new(null, [.. errors]);

    public static MutationPayload<T> Refused(UserError error) => new(null, [error]);
}

/// <summary>
/// A <c>VerbNounPayload</c> type: the changed object under a field named after its type, and <c>errors</c>.
/// </summary>
public abstract class MutationPayloadType<TValueType, T> : ObjectGraphType<MutationPayload<T>>
    where TValueType : IGraphType
    where T : class
{
    protected MutationPayloadType(string name, string valueField)
    {
        Name = name;
        Field<TValueType>(valueField).Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}
