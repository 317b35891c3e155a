using Coursera.ServiceDefaults.Authentication;
using GraphQL;

namespace Coursera.Identity.GraphQL;

internal static class ResolveContextExtensions
{
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();

    public static Caller Caller(this IResolveFieldContext context) => ServiceDefaults.Authentication.Caller.From(context.User);
}
