using Coursera.Identity.Model;
using Coursera.Subgraphs.Connections;
using GraphQL.Types;

namespace Coursera.Identity.Audit;

public sealed class AuditEntryType : ObjectGraphType<AuditEntry>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "A security event: sign-ins, lockouts, MFA changes, roles, API clients.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<DateTimeGraphType>>("occurredAt").Resolve(c => c.Source.OccurredAt);
        Field<NonNullGraphType<StringGraphType>>("type").Description("e.g. sign_in.failed, role.assigned, api_client.created.").Resolve(c => c.Source.Type);
        Field<IdGraphType>("actorUserId").Resolve(c => c.Source.ActorUserId);
        Field<StringGraphType>("actorClientId").Resolve(c => c.Source.ActorClientId);
        Field<IdGraphType>("subjectUserId").Resolve(c => c.Source.SubjectUserId);
        Field<IdGraphType>("tenantId").Resolve(c => c.Source.TenantId);
        Field<StringGraphType>("detail").Resolve(c => c.Source.Detail);
        Field<StringGraphType>("ipAddress").Resolve(c => c.Source.IpAddress);
    }
}

public sealed class AuditEntryConnectionType : ConnectionGraphType<AuditEntryType, AuditEntry>;
