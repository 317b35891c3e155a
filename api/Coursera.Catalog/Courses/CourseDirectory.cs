using System.Linq.Expressions;
using Coursera.Catalog.Caching;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Catalog.Partners;
using Coursera.ServiceDefaults.Authentication;
using Coursera.ServiceDefaults.Caching;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Courses;

/// <summary>Courses looked up by id or slug, with the visibility rule for drafts and archived courses.</summary>
public sealed class CourseDirectory(IDbContextFactory<CatalogDbContext> contexts, PublicCache cache)
{
    /// <summary>No course has a longer slug; a longer one is not worth a cache key or a query.</summary>
    private const int MaxSlug = 200;

    /// <summary>A published course, or a draft or archived one when the caller may see its partner's unpublished courses.</summary>
    public async Task<Course?> CourseBySlugAsync(string slug, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slug);
        if (slug.Length > MaxSlug)
        {
            return null;
        }

        return await PublishedOrVisibleAsync($"catalog:course:slug:{slug}", c => c.Slug == slug, caller, cancellationToken);
    }

    /// <inheritdoc cref="CourseBySlugAsync"/>
    public Task<Course?> CourseByIdAsync(Guid id, Caller caller, CancellationToken cancellationToken) =>
        PublishedOrVisibleAsync($"catalog:course:id:{id:N}", c => c.Id == id, caller, cancellationToken);

    /// <summary>
    /// Everyone may see a published course, so that is all the shared cache holds (an anonymous caller's view); only a
    /// signed-in caller who found nothing there may be staff of the course's partner, and is answered from the database.
    /// </summary>
    private async Task<Course?> PublishedOrVisibleAsync(string key, Expression<Func<Course, bool>> match, Caller caller, CancellationToken cancellationToken)
    {
        var published = await cache.GetOrCreateAsync(key, async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published).SingleOrDefaultAsync(match, ct);
        }, CatalogCacheTags.Courses, cancellationToken);
        if (published is not null || !caller.IsAuthenticated)
        {
            return published;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(match, cancellationToken);
        return course is not null && PartnerAccess.CanSeeUnpublished(caller, course.PartnerId) ? course : null;
    }
}
