using Coursera.ServiceDefaults.Data;

namespace Coursera.Identity.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class IdentityDesignFactory() : ServiceStoreDesignFactory<IdentityServiceDbContext>(IdentityServiceDbContext.Schema);
