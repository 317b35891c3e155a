using System.Text.Json;
using Coursera.Catalog.Caching;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.ServiceDefaults.Caching;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Errors;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Coursera.Catalog.Courses;

/// <summary>What a catalog browser can narrow the public courses by.</summary>
public sealed record CourseFilter
{
    public Guid? PartnerId { get; init; }
    public string? PartnerSlug { get; init; }
    public string? Language { get; init; }
    public CourseLevel? Level { get; init; }
    public string? Skill { get; init; }
    public string? Search { get; init; }
}

public enum CourseOrder
{
    /// <summary>Best full-text match first; needs a search term.</summary>
    Relevance,
    Newest,
    Title,
}

/// <summary>
/// Pages through public courses with keyset cursors: each page is an index range scan that starts where the last
/// one ended, so page 500 costs what page 1 costs. The slug breaks ties because it is unique.
/// </summary>
public sealed class CourseSearch(IDbContextFactory<CatalogDbContext> contexts, PublicCache cache)
{
    private const string TextSearchConfig = "english";

    /// <summary>
    /// A search is a few words: the query and its ranking run over every public course, so an unbounded string
    /// (up to the 2 MiB a request may carry) would cost as much on every call.
    /// </summary>
    public const int MaxSearch = 256;

    public async Task<Connection<Course>> SearchAsync(CourseFilter filter, CourseOrder? order, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        if (search is { Length: > MaxSearch })
        {
            throw GraphQLErrors.BadUserInput($"filter.search has at most {MaxSearch} characters.");
        }

        var effective = order ?? (search is null ? CourseOrder.Newest : CourseOrder.Relevance);
        if (effective == CourseOrder.Relevance && search is null)
        {
            throw GraphQLErrors.BadUserInput("Ordering by RELEVANCE needs filter.search.");
        }

        // Only published courses are ever listed, the same for every caller: pages and counts are shared by all.
        var normalized = filter with { Search = search };
        var key = $"catalog:courses:{JsonSerializer.Serialize(normalized)}:{effective}:{page.First}:{page.After}";
        var rows = await cache.GetOrCreateAsync(key, ct => new ValueTask<List<RankedCourse>>(ReadPageAsync(normalized, effective, page.After, page.First + 1, ct)),
            CatalogCacheTags.Courses, cancellationToken).ConfigureAwait(false);
        Func<RankedCourse, Cursor> cursorOf = effective switch
        {
            CourseOrder.Relevance => r => Cursor.Create("r", r.Rank, r.Course.Slug),
            CourseOrder.Title => r => Cursor.Create("t", r.Course.Title, r.Course.Slug),
            _ => r => Cursor.Create("n", r.Course.PublishedAt!.Value, r.Course.Slug),
        };
        var connection = page.ToConnection(rows, cursorOf, async ct => await cache.GetOrCreateAsync(
            $"catalog:courses:count:{JsonSerializer.Serialize(normalized)}", c => new ValueTask<int>(CountAsync(normalized, c)), CatalogCacheTags.Courses, ct)
            .ConfigureAwait(false));
        return new Connection<Course>([.. connection.Edges.Select(e => new Edge<Course>(e.Cursor, e.Node.Course))], connection.PageInfo, connection.TotalCount);
    }

    private async Task<List<RankedCourse>> ReadPageAsync(CourseFilter filter, CourseOrder order, Cursor? after, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var courses = Filtered(db, filter).AsNoTracking();
        switch (order)
        {
            case CourseOrder.Relevance:
                return await RankedPageAsync(courses, filter.Search!, after, take, cancellationToken).ConfigureAwait(false);
            case CourseOrder.Title:
                if (after?.Expect("t", 2) is { } afterTitle)
                {
                    var (title, slug) = (afterTitle.GetString(0), afterTitle.GetString(1));
                    courses = courses.Where(c => string.Compare(c.Title, title) > 0
                        || (c.Title == title && string.Compare(c.Slug, slug) > 0));
                }

                return [.. (await courses.OrderBy(c => c.Title).ThenBy(c => c.Slug).Take(take)
                    .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(c => new RankedCourse(c, 0))];
            default:
                if (after?.Expect("n", 2) is { } afterNewest)
                {
                    var (publishedAt, slug) = (afterNewest.GetDateTime(0), afterNewest.GetString(1));
                    courses = courses.Where(c => c.PublishedAt < publishedAt
                        || (c.PublishedAt == publishedAt && string.Compare(c.Slug, slug) > 0));
                }

                return [.. (await courses.OrderByDescending(c => c.PublishedAt).ThenBy(c => c.Slug).Take(take)
                    .ToListAsync(cancellationToken).ConfigureAwait(false)).Select(c => new RankedCourse(c, 0))];
        }
    }

    private static async Task<List<RankedCourse>> RankedPageAsync(
        IQueryable<Course> courses, string search, Cursor? after, int take, CancellationToken cancellationToken)
    {
        var ranked = courses.Select(c => new
        {
            Course = c,
            Rank = EF.Property<NpgsqlTsVector>(c, CourseConfiguration.SearchVector)
                .Rank(EF.Functions.WebSearchToTsQuery(TextSearchConfig, search)),
        });
        if (after?.Expect("r", 2) is { } cursor)
        {
            var (rank, slug) = (cursor.GetSingle(0), cursor.GetString(1));
            ranked = ranked.Where(r => r.Rank < rank || (r.Rank == rank && string.Compare(r.Course.Slug, slug) > 0));
        }

        var rows = await ranked.OrderByDescending(r => r.Rank).ThenBy(r => r.Course.Slug).Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new RankedCourse(r.Course, r.Rank))];
    }

    private async Task<int> CountAsync(CourseFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await Filtered(db, filter).CountAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IQueryable<Course> Filtered(CatalogDbContext db, CourseFilter filter)
    {
        var courses = db.Courses.Where(c => c.Status == CourseStatus.Published);
        if (filter.PartnerId is { } partnerId)
        {
            courses = courses.Where(c => c.PartnerId == partnerId);
        }

        if (filter.PartnerSlug is { } partnerSlug)
        {
            courses = courses.Where(c => db.Partners.Any(p => p.Id == c.PartnerId && p.Slug == partnerSlug));
        }

        if (filter.Language is { } language)
        {
            courses = courses.Where(c => c.Language == language);
        }

        if (filter.Level is { } level)
        {
            courses = courses.Where(c => c.Level == level);
        }

        if (filter.Skill is { } skill)
        {
            courses = courses.Where(c => c.Skills.Contains(skill));
        }

        if (filter.Search is { } search)
        {
            courses = courses.Where(c => EF.Property<NpgsqlTsVector>(c, CourseConfiguration.SearchVector)
                .Matches(EF.Functions.WebSearchToTsQuery(TextSearchConfig, search)));
        }

        return courses;
    }

    /// <summary>A row of a page; the rank orders and pages a search by relevance, and is 0 in the other orders.</summary>
    private sealed record RankedCourse(Course Course, float Rank);
}
