using Coursera.Catalog.Courses;
using Coursera.Catalog.Partners;
using Coursera.Catalog.Specializations;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Catalog.Subgraph;

/// <summary>
/// The public catalog: published courses, partners, specializations. Drafts and archived courses are hidden, except
/// from their partner's staff and API clients looking a course up by id or slug.
/// </summary>
public sealed class CatalogQuery : ObjectGraphType
{
    public CatalogQuery()
    {
        Name = "Query";

        Field<CourseType>("course")
            .Description("A published course by id; a draft or archived one too for its partner's staff and API clients.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var id = Ids.Parse(c.GetArgument<string>("id"), "id");
                return await c.Service<CourseDirectory>().CourseByIdAsync(id, c.Caller(), c.CancellationToken);
            });

        Field<CourseType>("courseBySlug")
            .Description("A published course by its slug; a draft or archived one too for its partner's staff and API clients.")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async c => await c.Service<CourseDirectory>().CourseBySlugAsync(c.GetArgument<string>("slug"), c.Caller(),
                c.CancellationToken));

        Field<NonNullGraphType<CourseConnectionType>>("courses")
            .Description("Published courses, filtered and ordered; at most 100 per page.")
            .Argument<CourseFilterInputType>("filter")
            .Argument<CourseOrderByType>("orderBy")
            .Argument<IntGraphType>("first", "At most 100; 20 when omitted.")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.Service<CourseSearch>().SearchAsync(
                c.GetArgument<CourseFilter?>("filter") ?? new CourseFilter(),
                c.GetArgument<CourseOrder?>("orderBy"),
                PageRequest.From(c),
                c.CancellationToken));

        Field<PartnerType>("partner")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async c => await c.Service<PartnerDirectory>().PartnerBySlugAsync(c.GetArgument<string>("slug"), c.CancellationToken));

        Field<NonNullGraphType<PartnerConnectionType>>("partners")
            .Description("Partners by slug.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.Service<PartnerDirectory>().PartnersAsync(PageRequest.From(c), c.CancellationToken));

        Field<SpecializationType>("specialization")
            .Argument<NonNullGraphType<StringGraphType>>("slug")
            .ResolveAsync(async c => await c.Service<SpecializationDirectory>().SpecializationBySlugAsync(c.GetArgument<string>("slug"), c.CancellationToken));

        Field<NonNullGraphType<SpecializationConnectionType>>("specializations")
            .Description("Specializations by slug.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.Service<SpecializationDirectory>().SpecializationsAsync(PageRequest.From(c), c.CancellationToken));
    }
}
