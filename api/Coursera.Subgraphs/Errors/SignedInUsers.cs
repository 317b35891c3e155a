using Coursera.ServiceDefaults.Authentication;

namespace Coursera.Subgraphs.Errors;

/// <summary>
/// The rule of operations that are a person's own (enrolling, attempting, buying): an anonymous caller is told to sign
/// in (UNAUTHENTICATED), an API client that it cannot act for a person (FORBIDDEN).
/// </summary>
public static class SignedInUsers
{
    public static Guid Require(Caller caller, string signIn, string notForClients)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.UserId ?? throw (caller.IsAuthenticated ? GraphQLErrors.Forbidden(notForClients) : GraphQLErrors.Unauthenticated(signIn));
    }
}
