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
        Name = "SpecializationSubscription";
        Description = "A learner's subscription to a specialization: PENDING until the checkout is paid; TRIALING, ACTIVE or PAST_DUE (a renewal failed and Stripe retries) open every course of the specialization on the PAID track; CANCELED closes them, progress kept.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("offerId").Resolve(c => c.Source.OfferId);
        Field<NonNullGraphType<IdGraphType>>("specializationId").Resolve(c => c.Source.SpecializationId);
        Field<NonNullGraphType<MoneyType>>("price").Description("Charged each month after the trial.").Resolve(c => c.Source.Price);
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("courseIds").Description("The courses it opens now on the PAID track.")
            .Resolve(c => c.Source.EntitledCourseIds);
    }
}

public sealed class StartSubscriptionPayloadType() : MutationPayloadType<SubscriptionType, Model.Subscription>("StartSubscriptionPayload", "subscription");

public sealed class CancelSubscriptionPayloadType() : MutationPayloadType<SubscriptionType, Model.Subscription>("CancelSubscriptionPayload", "subscription");
