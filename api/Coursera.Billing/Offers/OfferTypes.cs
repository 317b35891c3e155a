using Coursera.Billing.Model;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Billing.Offers;

public sealed class MoneyType : ObjectGraphType<Money>
{
    public MoneyType()
    {
        Name = "Money";
        Description = "An amount in the currency's minor units (cents), with its ISO 4217 code.";
        Field<NonNullGraphType<LongGraphType>>("amount").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(c => c.Source.Currency);
    }
}

public sealed class OfferKindType : EnumerationGraphType<OfferKind>
{
    public OfferKindType() => Name = "OfferKind";
}

public sealed class BillingIntervalType : EnumerationGraphType<BillingInterval>
{
    public BillingIntervalType() => Name = "BillingInterval";
}

public sealed class OfferType : ObjectGraphType<Offer>
{
    public OfferType()
    {
        Name = "Offer";
        Description = "Something for sale: startCheckout buys a COURSE_CERTIFICATE or a CATALOG_PASS (every course for some months), startSubscription starts a SPECIALIZATION_SUBSCRIPTION or a CATALOG_SUBSCRIPTION (Coursera Plus: every course).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<OfferKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<IdGraphType>("courseId").Description("The course whose certificate a COURSE_CERTIFICATE sells.").Resolve(c => c.Source.CourseId);
        Field<IdGraphType>("specializationId").Description("The specialization whose every course a SPECIALIZATION_SUBSCRIPTION opens.")
            .Resolve(c => c.Source.SpecializationId);
        Field<NonNullGraphType<IntGraphType>>("trialDays").Description("A subscription's free days before the first charge (once per learner and specialization); 0 for none.")
            .Resolve(c => c.Source.TrialDays);
        Field<BillingIntervalType>("interval").Description("How often a subscription is charged; null for a one-time purchase.")
            .Resolve(c => c.Source.IsSubscription ? c.Source.Interval : null);
        Field<IntGraphType>("passMonths").Description("A CATALOG_PASS's months of every course, paid once.").Resolve(c => c.Source.PassMonths);
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MoneyType>>>>("prices").Description("One per currency it is sold in; per interval for a subscription.")
            .Resolve(c => c.Source.Prices);
    }
}

public sealed class CreateOfferPayloadType() : MutationPayloadType<OfferType, Offer>("CreateOfferPayload", "offer");
