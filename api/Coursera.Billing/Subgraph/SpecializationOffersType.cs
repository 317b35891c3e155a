using Coursera.Billing.Offers;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Federation;
using GraphQL.Federation;
using GraphQL.Types;

namespace Coursera.Billing.Subgraph;

/// <summary>The catalog's specialization: this subgraph adds its subscription offers.</summary>
public sealed class SpecializationOffersType : ObjectGraphType<SpecializationReference>
{
    public SpecializationOffersType()
    {
        Name = "Specialization";
        this.Key("id");
        this.ResolveReference<IdReference, SpecializationReference>((_, reference) => new SpecializationReference(reference.Id));
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OfferType>>>>("offers")
            .Description("Its monthly subscriptions (every course on the PAID track, with a free trial the first time), with their price in each currency.")
            .ResolveAsync(async c => await c.Service<OfferCatalog>().OfSpecializationAsync(c.Source.Id, c.CancellationToken));
    }
}
