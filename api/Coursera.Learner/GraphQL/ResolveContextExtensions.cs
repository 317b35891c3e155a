using Coursera.ServiceDefaults.Authentication;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Coursera.Learner.GraphQL;

internal static class ResolveContextExtensions
{
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull => context.RequestServices!.GetRequiredService<T>();

    public static LearnerLoaders Loaders(this IResolveFieldContext context) => context.Service<LearnerLoaders>();

    public static Caller Caller(this IResolveFieldContext context) => ServiceDefaults.Authentication.Caller.From(context.User);
}
