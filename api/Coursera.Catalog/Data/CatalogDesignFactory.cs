using Coursera.ServiceDefaults.Data;

namespace Coursera.Catalog.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class CatalogDesignFactory() : ServiceStoreDesignFactory<CatalogDbContext>(CatalogDbContext.Schema);
