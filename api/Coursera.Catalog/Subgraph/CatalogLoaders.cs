using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Subgraphs.Loading;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Subgraph;

/// <summary>
/// The batch loaders of one request. Every list resolver goes through these, so a page of courses costs one
/// query per relation, whatever its size. Each batch uses its own short-lived context: resolvers run in parallel.
/// </summary>
public sealed class CatalogLoaders(IDbContextFactory<CatalogDbContext> contexts)
{
    public BatchLoader<Guid, Partner?> PartnerById { get; } = ById(contexts, (db, ids) => db.Partners.Where(p => ids.Contains(p.Id)), p => p.Id);

    public BatchLoader<Guid, Instructor?> InstructorById { get; } = ById(contexts, (db, ids) => db.Instructors.Where(i => ids.Contains(i.Id)), i => i.Id);

    /// <summary>Public courses only: drafts and archived courses resolve to null.</summary>
    public BatchLoader<Guid, Course?> PublicCourseById { get; } = ById(contexts,
        (db, ids) => db.Courses.Where(c => ids.Contains(c.Id) && c.Status == CourseStatus.Published), c => c.Id);

    public BatchLoader<Guid, Module?> ModuleById { get; } = ById(contexts, (db, ids) => db.Modules.Where(m => ids.Contains(m.Id)), m => m.Id);

    /// <summary>Items of public courses only, like <see cref="PublicCourseById"/>: an entity reference must not reveal a draft or archived course's content.</summary>
    public BatchLoader<Guid, Item?> PublicItemById { get; } = ById(contexts,
        (db, ids) => db.Items.Where(i => ids.Contains(i.Id))
            .Join(db.Modules, i => i.ModuleId, m => m.Id, (i, m) => new { i, m.CourseId })
            .Join(db.Courses.Where(c => c.Status == CourseStatus.Published), x => x.CourseId, c => c.Id, (x, _) => x.i),
        i => i.Id);

    public BatchLoader<Guid, Specialization?> SpecializationById { get; } = ById(contexts, (db, ids) => db.Specializations.Where(s => ids.Contains(s.Id)), s => s.Id);

    /// <summary>Sessions of public courses only, like <see cref="PublicCourseById"/>.</summary>
    public BatchLoader<Guid, CourseSession?> PublicSessionById { get; } = ById(contexts,
        (db, ids) => db.Sessions.Where(s => ids.Contains(s.Id))
            .Join(db.Courses.Where(c => c.Status == CourseStatus.Published), s => s.CourseId, c => c.Id, (s, _) => s),
        s => s.Id);

    public BatchLoader<Guid, IReadOnlyList<Instructor>> InstructorsByCourse { get; } = Grouped(contexts,
        (db, ids) => db.CourseInstructors.Where(ci => ids.Contains(ci.CourseId)).OrderBy(ci => ci.Position)
            .Select(ci => new Keyed<Instructor>(ci.CourseId, ci.Instructor!)));

    public BatchLoader<Guid, IReadOnlyList<Instructor>> InstructorsByPartner { get; } = Grouped(contexts,
        (db, ids) => db.Instructors.Where(i => ids.Contains(i.PartnerId)).OrderBy(i => i.Name)
            .Select(i => new Keyed<Instructor>(i.PartnerId, i)));

    public BatchLoader<Guid, IReadOnlyList<Module>> ModulesByCourse { get; } = Grouped(contexts,
        (db, ids) => db.Modules.Where(m => ids.Contains(m.CourseId)).OrderBy(m => m.Position)
            .Select(m => new Keyed<Module>(m.CourseId, m)));

    public BatchLoader<Guid, IReadOnlyList<Item>> ItemsByModule { get; } = Grouped(contexts,
        (db, ids) => db.Items.Where(i => ids.Contains(i.ModuleId)).OrderBy(i => i.Position)
            .Select(i => new Keyed<Item>(i.ModuleId, i)));

    public BatchLoader<Guid, IReadOnlyList<CourseSession>> SessionsByCourse { get; } = Grouped(contexts,
        (db, ids) => db.Sessions.Where(s => ids.Contains(s.CourseId)).OrderBy(s => s.StartsAt)
            .Select(s => new Keyed<CourseSession>(s.CourseId, s)));

    /// <summary>The published courses of each specialization, in the specialization's order.</summary>
    public BatchLoader<Guid, IReadOnlyList<Course>> PublicCoursesBySpecialization { get; } = Grouped(contexts,
        (db, ids) => db.SpecializationCourses.Where(sc => ids.Contains(sc.SpecializationId)).OrderBy(sc => sc.Position)
            .Join(db.Courses.Where(c => c.Status == CourseStatus.Published), sc => sc.CourseId, c => c.Id,
                (sc, c) => new Keyed<Course>(sc.SpecializationId, c)));

    private static BatchLoader<Guid, T?> ById<T>(IDbContextFactory<CatalogDbContext> contexts, Func<CatalogDbContext, Guid[], IQueryable<T>> query, Func<T, Guid> keyOf)
        where T : class =>
        new(async (ids, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            var rows = await query(db, [.. ids]).AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            return rows.ToDictionary(keyOf, r => (T?)r);
        }, null);

    private static BatchLoader<Guid, IReadOnlyList<T>> Grouped<T>(IDbContextFactory<CatalogDbContext> contexts, Func<CatalogDbContext, Guid[], IQueryable<Keyed<T>>> query) =>
        new(async (ids, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            var rows = await query(db, [.. ids]).AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
            return rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)[.. g.Select(r => r.Value)]);
        }, []);

    private sealed record Keyed<T>(Guid Key, T Value);
}
