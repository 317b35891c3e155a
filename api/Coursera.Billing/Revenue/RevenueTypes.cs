using Coursera.Billing.Model;
using Coursera.Billing.Offers;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Billing.Revenue;

public sealed class RevenueMonthType : ObjectGraphType<RevenueMonth>
{
    public RevenueMonthType()
    {
        Name = "RevenueMonth";
        Description = "A partner's takings in one calendar month (UTC) and one currency; amounts are never converted between currencies.";
        Field<NonNullGraphType<StringGraphType>>("month").Description("YYYY-MM.").Resolve(c => c.Source.Month);
        Field<NonNullGraphType<StringGraphType>>("currency").Resolve(c => c.Source.Currency);
        Field<NonNullGraphType<MoneyType>>("gross").Description("What learners paid: course purchases and subscription invoices.").Resolve(c => c.Source.GrossMoney);
        Field<NonNullGraphType<MoneyType>>("refunds").Description("What was given back in the month (of payments of any month): refunds, and payments taken back by a lost dispute.").Resolve(c => c.Source.RefundsMoney);
        Field<NonNullGraphType<MoneyType>>("net").Description("gross less refunds.").Resolve(c => c.Source.NetMoney);
        Field<NonNullGraphType<MoneyType>>("partnerShare").Description("The partner's part of net, each payment shared at the percentage agreed when it was made.")
            .Resolve(c => c.Source.PartnerShareMoney);
        Field<NonNullGraphType<IntGraphType>>("payments").Resolve(c => c.Source.Payments);
        Field<NonNullGraphType<IntGraphType>>("refundCount").Resolve(c => c.Source.RefundCount);
    }
}

public sealed class PartnerShareType : ObjectGraphType<PartnerShare>
{
    public PartnerShareType()
    {
        Name = "PartnerShare";
        Field<NonNullGraphType<IdGraphType>>("partnerId").Resolve(c => c.Source.PartnerId);
        Field<NonNullGraphType<FloatGraphType>>("percent").Resolve(c => (double)c.Source.Percent);
        Field<NonNullGraphType<DateTimeGraphType>>("changedAt").Resolve(c => c.Source.ChangedAt);
    }
}

public sealed class SetPartnerSharePayloadType() : MutationPayloadType<PartnerShareType, PartnerShare>("SetPartnerSharePayload", "partnerShare");
