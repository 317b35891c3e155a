using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Catalog.Partners;
using Coursera.ServiceDefaults.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Courses;

/// <summary>Courses looked up by id or slug, with the visibility rule for drafts and archived courses.</summary>
public sealed class CourseDirectory(IDbContextFactory<CatalogDbContext> contexts)
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
        course is not null && (course.Status == CourseStatus.Published || PartnerAccess.CanSeeUnpublished(caller, course.PartnerId))
            ? course
            : null;
}
