using Coursera.Billing.Model;
using Coursera.Billing.Offers;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Billing.Orders;

public sealed class OrderStateType : EnumerationGraphType<OrderState>
{
    public OrderStateType() => Name = "OrderState";
}

public sealed class OrderType : ObjectGraphType<Order>
{
    public OrderType()
    {
        Name = "Order";
        Description = "A learner's purchase: PENDING until Stripe confirms the payment (PROCESSING while a bank debit is on its way, FAILED if the bank refuses it), then PAID (the PAID track is open); REFUNDED after a refund; DISPUTED while the learner's bank disputes it (access suspended), CHARGED_BACK when the dispute is lost (access and certificate revoked); EXPIRED when a pass's months are over.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("learnerId").Resolve(c => c.Source.LearnerId);
        Field<NonNullGraphType<IdGraphType>>("offerId").Resolve(c => c.Source.OfferId);
        Field<IdGraphType>("courseId").Description("The course bought; null for a pass to every course.").Resolve(c => c.Source.CourseId == Offer.WholeCatalog ? null : c.Source.CourseId);
        Field<DateTimeGraphType>("accessEndsAt").Description("When a pass's access ends.").Resolve(c => c.Source.AccessEndsAt);
        Field<NonNullGraphType<MoneyType>>("price").Resolve(c => c.Source.Price);
        Field<NonNullGraphType<OrderStateType>>("state").Resolve(c => c.Source.State);
        Field<StringGraphType>("checkoutUrl").Description("Stripe's checkout page for a PENDING order: open it to pay.")
            .Resolve(c => c.Source.State == OrderState.Pending ? c.Source.CheckoutUrl : null);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeGraphType>("paidAt").Resolve(c => c.Source.PaidAt);
        Field<DateTimeGraphType>("refundedAt").Resolve(c => c.Source.RefundedAt);
        Field<StringGraphType>("failureReason").Description("Why the bank refused a delayed payment (FAILED).").Resolve(c => c.Source.FailureReason);
        Field<StringGraphType>("refundReason").Description("Why it was refunded, or why a refund was asked of staff.").Resolve(c => c.Source.RefundReason);
        Field<DateTimeGraphType>("refundRequestedAt").Description("When a refund that is not automatic was asked of staff.").Resolve(c => c.Source.RefundRequestedAt);
        Field<DateTimeGraphType>("refundDeclinedAt").Resolve(c => c.Source.RefundDeclinedAt);
        Field<StringGraphType>("refundDecisionNote").Description("Staff's note on a declined request.").Resolve(c => c.Source.RefundDecisionNote);
    }
}

public sealed class StartCheckoutPayloadType() : MutationPayloadType<OrderType, Order>("StartCheckoutPayload", "order");

public sealed class RequestRefundPayloadType() : MutationPayloadType<OrderType, Order>("RequestRefundPayload", "order");

public sealed class RefundOrderPayloadType() : MutationPayloadType<OrderType, Order>("RefundOrderPayload", "order");

public sealed class DeclineRefundPayloadType() : MutationPayloadType<OrderType, Order>("DeclineRefundPayload", "order");
