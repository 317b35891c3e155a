using Coursera.Identity.Model;
using Coursera.Identity.Tenants;
using Coursera.Subgraphs.UserErrors;
using GraphQL.Types;

namespace Coursera.Identity.Clients;

public sealed class RevokeApiClientPayloadType() : MutationPayloadType<ApiClientType, ApiClient>("RevokeApiClientPayload", "apiClient");

/// <summary><c>createApiClient</c> and <c>rotateApiClientSecret</c>: the client and its secret, shown this once.</summary>
public abstract class ApiClientSecretPayloadType : ObjectGraphType<ApiClientSecretPayload>
{
    protected ApiClientSecretPayloadType(string name)
    {
        Name = name;
        Field<ApiClientType>("apiClient").Resolve(c => c.Source.Client);
        Field<StringGraphType>("clientSecret").Description("Shown only in this response; store it now. Only its hash is kept.")
            .Resolve(c => c.Source.ClientSecret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(c => c.Source.Errors);
    }
}

public sealed class CreateApiClientPayloadType() : ApiClientSecretPayloadType("CreateApiClientPayload");

public sealed class RotateApiClientSecretPayloadType() : ApiClientSecretPayloadType("RotateApiClientSecretPayload");
