using Coursera.GraphQL.Errors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Coursera.Catalog.GraphQL.Mutations;

/// <summary>
/// Who may change the catalog. Until the identity module exists, writes are allowed only in Development with
/// <c>Catalog:AllowAnonymousWrites</c> set; everywhere else every mutation is refused.
/// </summary>
public sealed class CatalogWriteAccess(IConfiguration configuration, IHostEnvironment environment)
{
    private readonly bool _allowed = environment.IsDevelopment() && configuration.GetValue<bool>("Catalog:AllowAnonymousWrites");

    public void Ensure()
    {
        if (!_allowed)
        {
            throw GraphQLErrors.Forbidden("Changing the catalog needs authorization.");
        }
    }
}
