using Coursera.Billing.Model;
using Coursera.Billing.Offers;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Billing.Subscriptions;

public sealed class SubscriptionStateType : EnumerationGraphType<SubscriptionState>
{
    public SubscriptionStateType() => Name = "SubscriptionState";
}

public sealed class SubscriptionType : ObjectGraphType<Model.Subscription>
{
    public SubscriptionType()
    {
        Name = "LearnerSubscription";
        Description = "A learner's subscription to a specialization, or to Coursera Plus (every course; no specializationId): PENDING until the checkout is paid; TRIALING, ACTIVE or PAST_DUE (a renewal failed and Stripe retries) open its courses on the PAID track; CANCELED closes them, progress kept.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("offerId").Resolve(c => c.Source.OfferId);
        Field<IdGraphType>("specializationId").Description("The specialization it covers; null for Coursera Plus.").Resolve(c => c.Source.SpecializationId);
        Field<NonNullGraphType<BooleanGraphType>>("wholeCatalog").Description("Coursera Plus: every course of the catalog.").Resolve(c => c.Source.SpecializationId is null);
        Field<NonNullGraphType<MoneyType>>("price").Description("Charged each period (its offer's interval) after the trial.").Resolve(c => c.Source.Price);
        Field<NonNullGraphType<SubscriptionStateType>>("state").Resolve(c => c.Source.State);
        Field<NonNullGraphType<IntGraphType>>("trialDays").Description("The free days this subscription began with: 0 after an earlier trial of the specialization.")
            .Resolve(c => c.Source.TrialDays);
        Field<StringGraphType>("checkoutUrl").Description("Stripe's checkout page for a PENDING subscription: open it to start.")
            .Resolve(c => c.Source.State == SubscriptionState.Pending ? c.Source.CheckoutUrl : null);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeGraphType>("startedAt").Resolve(c => c.Source.StartedAt);
        Field<DateTimeGraphType>("trialEndsAt").Description("The first charge, unless cancelled before.").Resolve(c => c.Source.TrialEndsAt);
        Field<DateTimeGraphType>("currentPeriodEndsAt").Description("The next renewal, or the end of access when cancelAtPeriodEnd.")
            .Resolve(c => c.Source.CurrentPeriodEndsAt);
        Field<NonNullGraphType<BooleanGraphType>>("cancelAtPeriodEnd").Resolve(c => c.Source.CancelAtPeriodEnd);
        Field<DateTimeGraphType>("endedAt").Resolve(c => c.Source.EndedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("courseIds").Description("The courses of its specialization it opens now on the PAID track (empty for Coursera Plus, which opens all: see wholeCatalog).")
            .Resolve(c => c.Source.EntitledCourseIds.Where(id => id != Model.Subscription.WholeCatalog));
    }
}

public sealed class StartSubscriptionPayloadType() : MutationPayloadType<SubscriptionType, Model.Subscription>("StartSubscriptionPayload", "subscription");

public sealed class CancelSubscriptionPayloadType() : MutationPayloadType<SubscriptionType, Model.Subscription>("CancelSubscriptionPayload", "subscription");
