using Coursera.Billing.Orders;
using Coursera.Subgraphs;
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
    }
}
