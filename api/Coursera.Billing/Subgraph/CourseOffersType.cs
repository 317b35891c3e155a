using Coursera.Billing.Offers;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Billing.Subgraph;

/// <summary>The catalog's course: this subgraph adds what it sells of it.</summary>
public sealed class CourseOffersType : ObjectGraphType<CourseReference>
{
    public CourseOffersType()
    {
        Name = "Course";
        this.Key("id");
        this.ResolveReference<IdReference, CourseReference>((_, reference) => new CourseReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferType>>>>("offers")
            .Description("What is for sale: the course's certificate (the PAID track), then the subscriptions of specializations that include it, with their price in each currency.")
            .ResolveAsync(async c => await c.Service<OfferCatalog>().OfCourseAsync(c.Source.Id, c.CancellationToken));
    }
}
