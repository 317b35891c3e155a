using Coursera.Billing.Audit;
using Coursera.Billing.FinancialAid;
using Coursera.Billing.Licences;
using Coursera.Billing.Orders;
using Coursera.Billing.Revenue;
using Coursera.Billing.Subscriptions;
using Coursera.Subgraphs;
using GraphQL;
using GraphQL.Types;

namespace Coursera.Billing.Subgraph;

public sealed class BillingQuery : ObjectGraphType
{
    public BillingQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderType>>>>("viewerOrders")
            .Description("The signed-in learner's orders, newest first.")
            .ResolveAsync(async c => await c.Service<OrderHistory>().OfViewerAsync(c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubscriptionType>>>>("viewerSubscriptions")
            .Description("The signed-in learner's subscriptions (specializations and Coursera Plus), newest first.")
            .ResolveAsync(async c => await c.Service<SubscriptionHistory>().OfViewerAsync(c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LicenceType>>>>("organizationLicences")
            .Description("An organization's enterprise licences, latest end first: for its administrators, its API clients with billing:read and platform administrators.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .ResolveAsync(async c => await c.Service<LicenceDesk>().OfOrganizationAsync(c.GetArgument<string>("organizationId"), c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RevenueMonthType>>>>("partnerRevenue")
            .Description("A partner's revenue per month and currency, oldest first (the last 12 months by default): for its administrators, its API clients with billing:read and platform administrators. Also GET /billing/partners/{partnerId}/revenue.csv.")
            .Argument<NonNullGraphType<IdGraphType>>("partnerId")
            .Argument<StringGraphType>("from", "The first month, YYYY-MM.")
            .Argument<StringGraphType>("to", "The last month, YYYY-MM; this month by default.")
            .ResolveAsync(async c => await c.Service<RevenueReport>().OfPartnerAsync(c.GetArgument<string>("partnerId"), c.GetArgument<string?>("from"),
                c.GetArgument<string?>("to"), c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderType>>>>("refundRequests")
            .Description("Learners' refund requests waiting for staff, oldest first (platform administrators): refundOrder grants one, declineRefund declines it.")
            .ResolveAsync(async c => await c.Service<Refunds>().RequestsAsync(c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("billingAuditTrail")
            .Description("Billing's decisions about money and access, newest first (platform administrators): refunds, offers, licences, partners' shares, financial aid.")
            .Argument<StringGraphType>("subject", "Only those about one thing: order:{id}, offer:{id}, licence:{id}, partner:{id}, aid:{id}.")
            .Argument<IntGraphType>("first", "How many, 1 to 500; 50 by default.")
            .ResolveAsync(async c => await c.Service<AuditTrail>().ReadAsync(c.GetArgument<string?>("subject"), c.GetArgument("first", 50), c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AidApplicationType>>>>("viewerFinancialAidApplications")
            .Description("The signed-in learner's financial aid applications, newest first.")
            .ResolveAsync(async c => await c.Service<FinancialAidDesk>().OfViewerAsync(c.Caller(), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AidApplicationType>>>>("financialAidQueue")
            .Description("Pending applications you may review, oldest first: every one for platform administrators, their courses' for partner administrators.")
            .ResolveAsync(async c => await c.Service<FinancialAidDesk>().QueueAsync(c.Caller(), c.CancellationToken));
    }
}
