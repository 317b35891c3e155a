using Coursera.ServiceDefaults.Authentication;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Subgraphs;

/// <summary>What resolvers of every subgraph ask their context for: the request's services and the caller.</summary>
public static class ResolveFieldContextExtensions
{
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices!.GetRequiredService<T>();
    }

    /// <summary>Who is asking, from the validated access token (anonymous without one).</summary>
    public static Caller Caller(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ServiceDefaults.Authentication.Caller.From(context.User);
    }
}
