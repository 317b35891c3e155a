using Coursera.Identity.Data;
using Coursera.Subgraphs;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Identity.Subgraph;

/// <summary>How identity's resolvers read: each on a context of its own.</summary>
internal static class IdentityReads
{
    /// <summary>A read on a context of its own: sibling resolvers run concurrently, and a DbContext serves one at a time.</summary>
    public static async Task<T> ReadAsync<T>(this IResolveFieldContext context, Func<IdentityServiceDbContext, CancellationToken, Task<T>> query)
    {
        await using var db = await context.Service<IDbContextFactory<IdentityServiceDbContext>>().CreateDbContextAsync(context.CancellationToken);
        return await query(db, context.CancellationToken);
    }
}
