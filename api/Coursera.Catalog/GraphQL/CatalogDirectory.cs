using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Catalog.GraphQL.Mutations;
using Coursera.GraphQL.Connections;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.GraphQL;

/// <summary>Lookups by slug and the alphabetical (by slug) lists of partners and specializations.</summary>
public sealed class CatalogDirectory(IDbContextFactory<CatalogDbContext> contexts)
{
    /// <summary>A published course, or a draft or archived one when the caller may see its partner's unpublished courses.</summary>
    public async Task<Course?> CourseBySlugAsync(string slug, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return Visible(course, caller);
    }

    /// <inheritdoc cref="CourseBySlugAsync"/>
    public async Task<Course?> CourseByIdAsync(Guid id, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return Visible(course, caller);
    }

    private static Course? Visible(Course? course, Caller caller) =>
        course is not null && (course.Status == CourseStatus.Published || CatalogWriteAccess.CanSeeUnpublished(caller, course.PartnerId))
            ? course
            : null;

    public async Task<Partner?> PartnerBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
    }

    public async Task<Specialization?> SpecializationBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Specializations.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, cancellationToken);
    }

    public async Task<Connection<Partner>> PartnersAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partners = db.Partners.AsNoTracking();
        if (page.After?.Expect("s", 1) is { } after)
        {
            var slug = after.GetString(0);
            partners = partners.Where(p => string.Compare(p.Slug, slug) > 0);
        }

        var rows = await partners.OrderBy(p => p.Slug).Take(page.First + 1).ToListAsync(cancellationToken);
        return page.ToConnection(rows, p => Cursor.Create("s", p.Slug), CountPartnersAsync);
    }

    public async Task<Connection<Specialization>> SpecializationsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var specializations = db.Specializations.AsNoTracking();
        if (page.After?.Expect("s", 1) is { } after)
        {
            var slug = after.GetString(0);
            specializations = specializations.Where(s => string.Compare(s.Slug, slug) > 0);
        }

        var rows = await specializations.OrderBy(s => s.Slug).Take(page.First + 1).ToListAsync(cancellationToken);
        return page.ToConnection(rows, s => Cursor.Create("s", s.Slug), CountSpecializationsAsync);
    }

    private async Task<int> CountPartnersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Partners.CountAsync(cancellationToken);
    }

    private async Task<int> CountSpecializationsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Specializations.CountAsync(cancellationToken);
    }
}
