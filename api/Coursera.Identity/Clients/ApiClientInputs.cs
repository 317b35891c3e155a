using GraphQL;

namespace Coursera.Identity.Clients;

public sealed class CreateApiClientInput
{
    [Id] public required string TenantId { get; set; }
    public required string Name { get; set; }
    public required List<string> Scopes { get; set; }
}

public sealed class ApiClientInput
{
    public required string ClientId { get; set; }
}
