using Coursera.Identity.Model;
using Coursera.Identity.Tenants;
using GraphQL.Types;

namespace Coursera.Identity.Clients;

/// <summary>An API client; never its secret, which is only in the payload that created or rotated it.</summary>
public sealed class ApiClientType : ObjectGraphType<ApiClient>
{
    public ApiClientType()
    {
        Name = "ApiClient";
        Field<NonNullGraphType<StringGraphType>>("clientId").Resolve(c => c.Source.ClientId);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("scopes").Resolve(c => c.Source.Scopes);
        Field<NonNullGraphType<TenantType>>("tenant").Resolve(c => c.Source.Tenant);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("secretRotatedAt").Resolve(c => c.Source.SecretRotatedAt);
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt);
    }
}
