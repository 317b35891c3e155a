using Coursera.Catalog.Courses;
using Coursera.Catalog.Caching;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.Catalog.Partners;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Authentication;
using Coursera.ServiceDefaults.Caching;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Content;

/// <summary>
/// Adding, ordering and removing the modules and items of a course. Positions stay dense (0..n-1) after every
/// change, and a published course always keeps at least one module holding an item.
/// </summary>
public sealed class ContentAuthoring(IDbContextFactory<CatalogDbContext> contexts, PartnerAccess access, TimeProvider clock, PublicCache cache)
{
    public async Task<MutationPayload<Module>> AddModuleAsync(AddModuleInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var courseId = Ids.Parse(input.CourseId, "input.courseId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var course = await LoadCourseAsync(db, courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Module>("course", "courseId");
        }

        access.Ensure(caller, course.PartnerId);

        var violations = new List<CourseRuleViolation>();
        CatalogRules.Title(violations, input.Title);
        CatalogRules.Description(violations, input.Description);
        if (violations.Count > 0)
        {
            return violations.Refuse<Module>();
        }

        var module = new Module { CourseId = course.Id, Title = input.Title.Trim(), Description = input.Description };
        var modules = Ordered(course.Modules);
        modules.Insert(Math.Clamp(input.Position ?? modules.Count, 0, modules.Count), module);
        Ordering.Renumber(modules, (m, i) => m.Position = i);
        db.Modules.Add(module);
        await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        return MutationPayload<Module>.Changed(module);
    }

    public async Task<MutationPayload<Module>> MoveModuleAsync(MoveModuleInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var moduleId = Ids.Parse(input.ModuleId, "input.moduleId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var course = await LoadCourseOfModuleAsync(db, moduleId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Module>("module", "moduleId");
        }

        access.Ensure(caller, course.PartnerId);

        if (input.Position < 0)
        {
            return MutationPayload<Module>.Refused(UserError.For("INVALID_POSITION", "Positions start at 0.", "position"));
        }

        var module = course.Modules.Single(m => m.Id == moduleId);
        Ordering.Move(Ordered(course.Modules), module, input.Position, (m, i) => m.Position = i);
        await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        return MutationPayload<Module>.Changed(module);
    }

    public async Task<MutationPayload<Course>> RemoveModuleAsync(RemoveModuleInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var moduleId = Ids.Parse(input.ModuleId, "input.moduleId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var course = await LoadCourseOfModuleAsync(db, moduleId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Course>("module", "moduleId");
        }

        access.Ensure(caller, course.PartnerId);

        var module = course.Modules.Single(m => m.Id == moduleId);
        course.Modules.Remove(module);
        if (course.IsPublic && !course.HasContent)
        {
            return MutationPayload<Course>.Refused(LastContent("moduleId"));
        }

        db.Modules.Remove(module);
        Ordering.Renumber(Ordered(course.Modules), (m, i) => m.Position = i);
        await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        return MutationPayload<Course>.Changed(course);
    }

    public async Task<MutationPayload<Item>> AddItemAsync(AddItemInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var moduleId = Ids.Parse(input.ModuleId, "input.moduleId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var course = await LoadCourseOfModuleAsync(db, moduleId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Item>("module", "moduleId");
        }

        access.Ensure(caller, course.PartnerId);

        var item = new Item
        {
            ModuleId = moduleId,
            Kind = input.Kind,
            Title = input.Title.Trim(),
            DurationMinutes = input.DurationMinutes ?? 0,
            VideoAssetId = input.VideoAssetId,
            Required = input.Required ?? true,
            Graded = input.Graded ?? false,
        };
        var violations = Check(item);
        if (violations.Count > 0)
        {
            return violations.Refuse<Item>();
        }

        var items = Ordered(course.Modules.Single(m => m.Id == moduleId).Items);
        items.Insert(Math.Clamp(input.Position ?? items.Count, 0, items.Count), item);
        Ordering.Renumber(items, (it, i) => it.Position = i);
        db.Items.Add(item);
        await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        return MutationPayload<Item>.Changed(item);
    }

    public async Task<MutationPayload<Item>> MoveItemAsync(MoveItemInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var itemId = Ids.Parse(input.ItemId, "input.itemId");
        var targetModuleId = input.ModuleId is null ? (Guid?)null : Ids.Parse(input.ModuleId, "input.moduleId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (course, moduleId) = await LoadCourseOfItemAsync(db, itemId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Item>("item", "itemId");
        }

        access.Ensure(caller, course.PartnerId);

        if (input.Position < 0)
        {
            return MutationPayload<Item>.Refused(UserError.For("INVALID_POSITION", "Positions start at 0.", "position"));
        }

        var source = course.Modules.Single(m => m.Id == moduleId);
        var target = targetModuleId is null ? source : course.Modules.SingleOrDefault(m => m.Id == targetModuleId);
        if (target is null)
        {
            return MutationPayload<Item>.Refused(
                UserError.For("MODULE_NOT_IN_COURSE", "Items move only between modules of the same course.", "moduleId"));
        }

        var item = source.Items.Single(i => i.Id == itemId);
        var sourceItems = Ordered(source.Items);
        sourceItems.Remove(item);
        Ordering.Renumber(sourceItems, (it, i) => it.Position = i);
        if (target != source)
        {
            source.Items.Remove(item);
            target.Items.Add(item);
            item.ModuleId = target.Id;
            if (course.IsPublic && !course.HasContent)
            {
                return MutationPayload<Item>.Refused(LastContent("itemId"));
            }
        }

        var targetItems = Ordered(target.Items.Where(i => i != item));
        targetItems.Insert(Math.Clamp(input.Position, 0, targetItems.Count), item);
        Ordering.Renumber(targetItems, (it, i) => it.Position = i);
        await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        return MutationPayload<Item>.Changed(item);
    }

    /// <summary>Changes only the fields given; a published course's followers hear of it (<c>course.updated</c>).</summary>
    public async Task<MutationPayload<Item>> UpdateItemAsync(UpdateItemInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var itemId = Ids.Parse(input.ItemId, "input.itemId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (course, moduleId) = await LoadCourseOfItemAsync(db, itemId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Item>("item", "itemId");
        }

        access.Ensure(caller, course.PartnerId);

        var item = course.Modules.Single(m => m.Id == moduleId).Items.Single(i => i.Id == itemId);
        item.Title = input.Title?.Trim() ?? item.Title;
        item.DurationMinutes = input.DurationMinutes ?? item.DurationMinutes;
        item.VideoAssetId = input.VideoAssetId ?? item.VideoAssetId;
        item.Required = input.Required ?? item.Required;
        item.Graded = input.Graded ?? item.Graded;
        var violations = Check(item);
        if (violations.Count > 0)
        {
            return violations.Refuse<Item>();
        }

        await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        return MutationPayload<Item>.Changed(item);
    }

    public async Task<MutationPayload<Module>> RemoveItemAsync(RemoveItemInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var itemId = Ids.Parse(input.ItemId, "input.itemId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (course, moduleId) = await LoadCourseOfItemAsync(db, itemId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Module>("item", "itemId");
        }

        access.Ensure(caller, course.PartnerId);

        var module = course.Modules.Single(m => m.Id == moduleId);
        var item = module.Items.Single(i => i.Id == itemId);
        module.Items.Remove(item);
        if (course.IsPublic && !course.HasContent)
        {
            return MutationPayload<Module>.Refused(LastContent("itemId"));
        }

        db.Items.Remove(item);
        Ordering.Renumber(Ordered(module.Items), (it, i) => it.Position = i);
        await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        return MutationPayload<Module>.Changed(module);
    }

    private static Task<Course?> LoadCourseAsync(CatalogDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        db.Courses.Include(c => c.Sessions).Include(c => c.Modules).ThenInclude(m => m.Items).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);

    private static async Task<Course?> LoadCourseOfModuleAsync(CatalogDbContext db, Guid moduleId, CancellationToken cancellationToken)
    {
        var courseId = await db.Modules.Where(m => m.Id == moduleId).Select(m => (Guid?)m.CourseId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return courseId is null ? null : await LoadCourseAsync(db, courseId.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The course holding the item (loaded as <see cref="LoadCourseAsync"/> does) and the item's module; null when there is no such item.</summary>
    private static async Task<(Course? Course, Guid ModuleId)> LoadCourseOfItemAsync(CatalogDbContext db, Guid itemId, CancellationToken cancellationToken)
    {
        var moduleId = await db.Items.Where(i => i.Id == itemId).Select(i => (Guid?)i.ModuleId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return moduleId is null ? (null, Guid.Empty) : (await LoadCourseOfModuleAsync(db, moduleId.Value, cancellationToken).ConfigureAwait(false), moduleId.Value);
    }

    /// <summary>The shape rules of an item, as added or changed.</summary>
    private static List<CourseRuleViolation> Check(Item item)
    {
        var violations = new List<CourseRuleViolation>();
        CatalogRules.Title(violations, item.Title);
        CatalogRules.Duration(violations, item.DurationMinutes);
        CatalogRules.Video(violations, item.Kind, item.VideoAssetId);
        CatalogRules.Grading(violations, item.Kind, item.Graded);
        return violations;
    }

    private async Task SaveAsync(CatalogDbContext db, Course course, CancellationToken cancellationToken)
    {
        course.UpdatedAt = clock.GetUtcNow().UtcDateTime;

        // The outline changed: services that follow the course (enrollment, progress) hear of it.
        if (course.Status == CourseStatus.Published)
        {
            db.Publish(CourseEvents.For(CourseEvents.Updated, course, course.UpdatedAt));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await cache.InvalidateAsync(CatalogCacheTags.ChangedBy(db), cancellationToken).ConfigureAwait(false);
    }

    private static List<Module> Ordered(IEnumerable<Module> modules) => [.. modules.OrderBy(m => m.Position)];

    private static List<Item> Ordered(IEnumerable<Item> items) => [.. items.OrderBy(i => i.Position)];

    private static UserError LastContent(string field) =>
        UserError.For("LAST_CONTENT", "A published course keeps at least one module holding an item; archive it instead.", field);
}
