using Coursera.Billing.Offers;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Billing.Subgraph;

/// <summary>The billing subgraph: offers, checkouts through Stripe, orders and refunds; subscriptions to specializations; it adds <c>offers</c> to the catalog's <c>Course</c> and <c>Specialization</c>.</summary>
public sealed class BillingSchema : Schema
{
    public BillingSchema(IServiceProvider services, BillingQuery query, BillingMutation mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;

        // Reached only through _entities: registered so the gateway can resolve it here.
        RegisterType(typeof(CourseOffersType));
        RegisterType(typeof(SpecializationOffersType));

        // Inputs nested in other inputs (the top-level ones are registered by their fields).
        this.RegisterTypeMapping<MoneyInput, AutoRegisteringInputObjectGraphType<MoneyInput>>();
    }
}
