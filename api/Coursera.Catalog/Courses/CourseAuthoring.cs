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
using Npgsql;

namespace Coursera.Catalog.Courses;

/// <summary>
/// Creating and changing courses and their sessions. Every method checks all input before it writes, and writes
/// in one SaveChanges, so a refused change stores nothing.
/// </summary>
public sealed class CourseAuthoring(IDbContextFactory<CatalogDbContext> contexts, PartnerAccess access, TimeProvider clock, PublicCache cache)
{
    public async Task<MutationPayload<Course>> CreateAsync(CreateCourseInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var partnerId = Ids.Parse(input.PartnerId, "input.partnerId");
        access.Ensure(caller, partnerId);
        var instructorIds = (input.InstructorIds ?? []).Select(id => Ids.Parse(id, "input.instructorIds")).ToList();
        var prerequisiteIds = (input.PrerequisiteIds ?? []).Select(id => Ids.Parse(id, "input.prerequisiteIds")).ToList();
        var course = new Course
        {
            PartnerId = partnerId,
            Slug = input.Slug,
            Title = input.Title.Trim(),
            Subtitle = input.Subtitle,
            Description = input.Description ?? string.Empty,
            Language = input.Language ?? "en",
            Level = input.Level ?? CourseLevel.Beginner,
            Skills = input.Skills ?? [],
            WorkloadHours = input.WorkloadHours ?? 0,
            PrerequisiteIds = prerequisiteIds,
        };

        var violations = Check(course);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, cancellationToken).ConfigureAwait(false))
        {
            violations.Add(new("NOT_FOUND", "No partner has this id.", "partnerId"));
        }

        if (await db.Courses.AnyAsync(c => c.Slug == course.Slug, cancellationToken).ConfigureAwait(false))
        {
            violations.Add(SlugTaken);
        }

        await CheckInstructorsAsync(db, partnerId, instructorIds, violations, cancellationToken).ConfigureAwait(false);
        await CheckPrerequisitesAsync(db, course, violations, cancellationToken).ConfigureAwait(false);
        if (violations.Count > 0)
        {
            return violations.Refuse<Course>();
        }

        course.Instructors.AddRange(instructorIds.Select((id, i) => new CourseInstructor { InstructorId = id, Position = i }));
        db.Courses.Add(course);
        return await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MutationPayload<Course>> UpdateAsync(UpdateCourseInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var courseId = Ids.Parse(input.CourseId, "input.courseId");
        var instructorIds = input.InstructorIds?.Select(id => Ids.Parse(id, "input.instructorIds")).ToList();
        var prerequisiteIds = input.PrerequisiteIds?.Select(id => Ids.Parse(id, "input.prerequisiteIds")).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var course = await db.Courses.Include(c => c.Instructors).SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Course>("course", "courseId");
        }

        access.Ensure(caller, course.PartnerId);

        course.Title = input.Title?.Trim() ?? course.Title;
        course.Subtitle = input.Subtitle ?? course.Subtitle;
        course.Description = input.Description ?? course.Description;
        course.Language = input.Language ?? course.Language;
        course.Level = input.Level ?? course.Level;
        course.Skills = input.Skills ?? course.Skills;
        course.WorkloadHours = input.WorkloadHours ?? course.WorkloadHours;
        course.PrerequisiteIds = prerequisiteIds ?? course.PrerequisiteIds;
        course.UpdatedAt = clock.GetUtcNow().UtcDateTime;

        var violations = Check(course);
        if (instructorIds is not null)
        {
            await CheckInstructorsAsync(db, course.PartnerId, instructorIds, violations, cancellationToken).ConfigureAwait(false);
        }

        // Two updates could each pass the cycle check and together close a circle: prerequisite changes take turns.
        await using var oneAtATime = prerequisiteIds is null ? null : await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (prerequisiteIds is not null)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PrerequisiteLock})", cancellationToken).ConfigureAwait(false);
            await CheckPrerequisitesAsync(db, course, violations, cancellationToken).ConfigureAwait(false);
        }

        if (violations.Count > 0)
        {
            return violations.Refuse<Course>();
        }

        if (instructorIds is not null)
        {
            course.Instructors.Clear();
            course.Instructors.AddRange(instructorIds.Select((id, i) => new CourseInstructor { InstructorId = id, Position = i }));
        }

        // Drafts are private to their partner; integrators hear of changes to courses the public sees. Only then is
        // the outline the event carries worth loading.
        if (course.Status == CourseStatus.Published)
        {
            await db.Entry(course).Collection(c => c.Sessions).LoadAsync(cancellationToken).ConfigureAwait(false);
            await db.Entry(course).Collection(c => c.Modules).Query().Include(m => m.Items).LoadAsync(cancellationToken).ConfigureAwait(false);
            db.Publish(CourseEvents.For(CourseEvents.Updated, course, course.UpdatedAt));
        }

        var saved = await SaveAsync(db, course, cancellationToken).ConfigureAwait(false);
        if (oneAtATime is not null && saved.Errors.Count == 0)
        {
            await oneAtATime.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // After the commit: a read between an earlier invalidation and the commit would cache the course as it was.
        if (saved.Errors.Count == 0)
        {
            await cache.InvalidateAsync(CatalogCacheTags.ChangedBy(db), cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }

    public Task<MutationPayload<Course>> PublishAsync(PublishCourseInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeStatusAsync(input.CourseId, caller, (course, now) => course.Publish(now), CourseEvents.Published, cancellationToken);
    }

    public Task<MutationPayload<Course>> ArchiveAsync(ArchiveCourseInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeStatusAsync(input.CourseId, caller, (course, now) => course.Archive(now), CourseEvents.Archived, cancellationToken);
    }

    public async Task<MutationPayload<CourseSession>> CreateSessionAsync(CreateCourseSessionInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var courseId = Ids.Parse(input.CourseId, "input.courseId");
        var session = new CourseSession
        {
            CourseId = courseId,
            StartsAt = Utc(input.StartsAt),
            EndsAt = Utc(input.EndsAt),
            EnrollmentOpensAt = Utc(input.EnrollmentOpensAt),
            EnrollmentClosesAt = Utc(input.EnrollmentClosesAt),
        };
        var violations = new List<CourseRuleViolation>();
        CatalogRules.SessionDates(violations, session);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var course = await db.Courses.Include(c => c.Sessions).Include(c => c.Modules).ThenInclude(m => m.Items).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<CourseSession>("course", "courseId");
        }

        access.Ensure(caller, course.PartnerId);

        if (violations.Count > 0)
        {
            return violations.Refuse<CourseSession>();
        }

        db.Sessions.Add(session); // explicitly Added: a new entity with its key already set would be taken for an existing one
        if (course.Status == CourseStatus.Published)
        {
            db.Publish(CourseEvents.For(CourseEvents.Updated, course, clock.GetUtcNow().UtcDateTime));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await cache.InvalidateAsync(CatalogCacheTags.ChangedBy(db), cancellationToken).ConfigureAwait(false);
        return MutationPayload<CourseSession>.Changed(session);
    }

    private async Task<MutationPayload<Course>> ChangeStatusAsync(
        string rawCourseId, Caller caller, Func<Course, DateTime, CourseRuleViolation?> change, string eventType, CancellationToken cancellationToken)
    {
        access.EnsureSignedIn(caller);
        var courseId = Ids.Parse(rawCourseId, "input.courseId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var course = await db.Courses.Include(c => c.Sessions).Include(c => c.Modules).ThenInclude(m => m.Items)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken).ConfigureAwait(false);
        if (course is null)
        {
            return Violations.NotFound<Course>("course", "courseId");
        }

        access.Ensure(caller, course.PartnerId);

        var now = clock.GetUtcNow().UtcDateTime;
        if (change(course, now) is { } violation)
        {
            return new[] { violation }.Refuse<Course>();
        }

        db.Publish(CourseEvents.For(eventType, course, now));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await cache.InvalidateAsync(CatalogCacheTags.ChangedBy(db), cancellationToken).ConfigureAwait(false);
        return MutationPayload<Course>.Changed(course);
    }

    private static List<CourseRuleViolation> Check(Course course)
    {
        var violations = new List<CourseRuleViolation>();
        CatalogRules.Slug(violations, course.Slug);
        CatalogRules.Title(violations, course.Title);
        CatalogRules.Subtitle(violations, course.Subtitle);
        CatalogRules.Description(violations, course.Description);
        CatalogRules.Language(violations, course.Language);
        CatalogRules.Skills(violations, course.Skills);
        CatalogRules.WorkloadHours(violations, course.WorkloadHours);
        return violations;
    }

    private static async Task CheckInstructorsAsync(
        CatalogDbContext db, Guid partnerId, List<Guid> instructorIds, List<CourseRuleViolation> violations, CancellationToken cancellationToken)
    {
        if (instructorIds.Count != instructorIds.Distinct().Count())
        {
            violations.Add(new("DUPLICATE_INSTRUCTOR", "An instructor is listed twice.", "instructorIds"));
            return;
        }

        var known = await db.Instructors.CountAsync(i => instructorIds.Contains(i.Id) && i.PartnerId == partnerId, cancellationToken)
            .ConfigureAwait(false);
        if (known != instructorIds.Count)
        {
            violations.Add(new("INVALID_INSTRUCTOR", "Every instructor must exist and belong to the course's partner.", "instructorIds"));
        }
    }

    /// <summary>
    /// Prerequisites are other courses the author may see (public ones, or the partner's own), listed once, and never
    /// lead back to the course: a learner could otherwise never start the circle.
    /// </summary>
    private static async Task CheckPrerequisitesAsync(CatalogDbContext db, Course course, List<CourseRuleViolation> violations, CancellationToken cancellationToken)
    {
        var ids = course.PrerequisiteIds;
        if (ids.Count > CatalogRules.MaxPrerequisites || ids.Count != ids.Distinct().Count() || ids.Contains(course.Id))
        {
            violations.Add(new("INVALID_PREREQUISITES", $"List at most {CatalogRules.MaxPrerequisites} other courses, each once.", "prerequisiteIds"));
            return;
        }

        var known = await db.Courses.CountAsync(c => ids.Contains(c.Id) && (c.Status == CourseStatus.Published || c.PartnerId == course.PartnerId),
            cancellationToken).ConfigureAwait(false);
        if (known != ids.Count)
        {
            violations.Add(new("INVALID_PREREQUISITES", "Every prerequisite must be a public course or one of the partner's own.", "prerequisiteIds"));
            return;
        }

        // Walk the prerequisites' own prerequisites, a level per query, looking for the course itself.
        var seen = new HashSet<Guid>(ids);
        var frontier = ids.ToList();
        while (frontier.Count > 0)
        {
            var next = await db.Courses.Where(c => frontier.Contains(c.Id)).SelectMany(c => c.PrerequisiteIds).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (next.Contains(course.Id))
            {
                violations.Add(new("PREREQUISITE_CYCLE", "A prerequisite already requires this course, directly or through others.", "prerequisiteIds"));
                return;
            }

            frontier = [.. next.Where(seen.Add)];
        }
    }

    /// <summary>The slug check above can race with another writer; the unique index has the last word.</summary>
    private static async Task<MutationPayload<Course>> SaveAsync(CatalogDbContext db, Course course, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return MutationPayload<Course>.Changed(course);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new[] { SlugTaken }.Refuse<Course>();
        }
    }

    /// <summary>The advisory lock (an arbitrary number of the catalog's own) that prerequisite changes take in turn.</summary>
    private const long PrerequisiteLock = 0x436174616c6f67; // "Catalog"

    private static readonly CourseRuleViolation SlugTaken = new("SLUG_TAKEN", "Another course already uses this slug.", "slug");

    private static DateTime Utc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
}
