using Coursera.Identity.Data;
using Coursera.ServiceDefaults.Authentication;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.GraphQL;

internal static class ResolveContextExtensions
{
    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();

    public static Caller Caller(this IResolveFieldContext context) => ServiceDefaults.Authentication.Caller.From(context.User);

    /// <summary>A read on a context of its own: sibling resolvers run concurrently, and a DbContext serves one at a time.</summary>
    public static async Task<T> ReadAsync<T>(this IResolveFieldContext context, Func<IdentityServiceDbContext, CancellationToken, Task<T>> query)
    {
        await using var db = await context.Service<IDbContextFactory<IdentityServiceDbContext>>().CreateDbContextAsync(context.CancellationToken);
        return await query(db, context.CancellationToken);
    }
}
