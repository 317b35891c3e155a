using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coursera.Identity.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class IdentityServiceDbContextDesignFactory : IDesignTimeDbContextFactory<IdentityServiceDbContext>
{
    public IdentityServiceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityServiceDbContext>()
            .UseIdentityStore("Host=localhost;Database=coursera")
            .Options);
}
