using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coursera.ServiceDefaults.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a service's model without starting it. A service declares it in one line:
/// <c>internal sealed class CatalogDesignFactory() : ServiceStoreDesignFactory&lt;CatalogDbContext&gt;(CatalogDbContext.Schema);</c>
/// </summary>
public abstract class ServiceStoreDesignFactory<TContext>(string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        ServiceStore<TContext>.Configure(options, "Host=localhost;Database=coursera", schema);
        return ServiceStore<TContext>.Create(options.Options);
    }
}
