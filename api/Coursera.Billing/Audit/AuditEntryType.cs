using Coursera.Billing.Model;
using GraphQL.Types;

namespace Coursera.Billing.Audit;

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "BillingAuditEntry";
        Description = "A decision about money or access: who made it, what, about what (order:{id}, offer:{id}, licence:{id}, partner:{id}, aid:{id}) and why.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeGraphType>>("occurredAt").Resolve(c => c.Source.OccurredAt);
        Field<NonNullGraphType<StringGraphType>>("actor").Resolve(c => c.Source.Actor);
        Field<NonNullGraphType<StringGraphType>>("action").Resolve(c => c.Source.Action);
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(c => c.Source.Subject);
        Field<StringGraphType>("detail").Resolve(c => c.Source.Detail);
    }
}
