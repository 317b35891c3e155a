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

namespace Coursera.Catalog.Specializations;

public sealed class SpecializationAuthoring(IDbContextFactory<CatalogDbContext> contexts, PartnerAccess access, TimeProvider clock, PublicCache cache)
{
    public async Task<MutationPayload<Specialization>> CreateAsync(CreateSpecializationInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        access.EnsureSignedIn(caller);
        var partnerId = Ids.Parse(input.PartnerId, "input.partnerId");
        access.Ensure(caller, partnerId);
        var courseIds = input.CourseIds.Select(id => Ids.Parse(id, "input.courseIds")).ToList();
        var violations = new List<CourseRuleViolation>();
        CatalogRules.Slug(violations, input.Slug);
        CatalogRules.Title(violations, input.Title);
        if (courseIds.Count == 0 || courseIds.Count != courseIds.Distinct().Count())
        {
            violations.Add(new("INVALID_COURSES", "A specialization lists one or more distinct courses.", "courseIds"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, cancellationToken).ConfigureAwait(false))
        {
            return Violations.NotFound<Specialization>("partner", "partnerId");
        }

        if (await db.Specializations.AnyAsync(s => s.Slug == input.Slug, cancellationToken).ConfigureAwait(false))
        {
            violations.Add(SlugTaken);
        }

        var owned = await db.Courses.CountAsync(c => courseIds.Contains(c.Id) && c.PartnerId == partnerId, cancellationToken)
            .ConfigureAwait(false);
        if (owned != courseIds.Distinct().Count())
        {
            violations.Add(new("INVALID_COURSES", "Every course must exist and belong to the specialization's partner.", "courseIds"));
        }

        if (violations.Count > 0)
        {
            return violations.Refuse<Specialization>();
        }

        var specialization = new Specialization
        {
            PartnerId = partnerId,
            Slug = input.Slug,
            Title = input.Title.Trim(),
            Description = input.Description ?? string.Empty,
        };
        specialization.Courses.AddRange(courseIds.Select((id, i) => new SpecializationCourse { CourseId = id, Position = i }));
        db.Specializations.Add(specialization);
        db.Publish(SpecializationEvents.For(specialization, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new[] { SlugTaken }.Refuse<Specialization>();
        }

        await cache.InvalidateAsync(CatalogCacheTags.ChangedBy(db), cancellationToken).ConfigureAwait(false);
        return MutationPayload<Specialization>.Changed(specialization);
    }

    private static readonly CourseRuleViolation SlugTaken = new("SLUG_TAKEN", "Another specialization already uses this slug.", "slug");
}
