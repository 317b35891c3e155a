using Coursera.Catalog.Courses;
using Coursera.Catalog.Model;
using Coursera.Catalog.Subgraph;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Connections;
using Coursera.Subgraphs.Federation;
using GraphQL.Types;

namespace Coursera.Catalog.Partners;

public sealed class PartnerType : ObjectGraphType<Partner>
{
    public PartnerType()
    {
        Name = "Partner";
        Description = "A university or institution that publishes courses.";
        this.KeyById((context, id) => context.Service<CatalogLoaders>().PartnerById.Load(id));

        Field(p => p.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(p => p.Slug);
        Field(p => p.Name);
        Field(p => p.Country).Description("ISO 3166-1 alpha-2 country code.");
        Field(p => p.LogoUrl, nullable: true);
        Field(p => p.WebsiteUrl, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InstructorType>>>>("instructors")
            .Resolve(c => c.Service<CatalogLoaders>().InstructorsByPartner.Load(c.Source.Id));
        Field<NonNullGraphType<CourseConnectionType>>("courses")
            .Description("The partner's published courses, newest first.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c => await c.Service<CourseSearch>().SearchAsync(
                new CourseFilter { PartnerId = c.Source.Id }, CourseOrder.Newest,
                Coursera.Subgraphs.Connections.PageRequest.From(c), c.CancellationToken).ConfigureAwait(false));
    }
}

public sealed class PartnerConnectionType : ConnectionGraphType<PartnerType, Partner>;
