using Coursera.ServiceDefaults.Authentication;

namespace Coursera.Subgraphs.Errors;

/// <summary>
/// The rule of operations kept for platform administrators (selling, setting prices and shares): an anonymous caller
/// is told to sign in as one (UNAUTHENTICATED), anyone else why not (FORBIDDEN).
/// </summary>
public static class PlatformAdministrators
{
    public static void Require(Caller caller, string forbidden)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsPlatformAdmin)
        {
            throw caller.IsAuthenticated ? GraphQLErrors.Forbidden(forbidden) : GraphQLErrors.Unauthenticated("Sign in as a platform administrator.");
        }
    }
}
