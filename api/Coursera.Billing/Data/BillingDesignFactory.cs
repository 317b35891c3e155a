using Coursera.ServiceDefaults.Data;

namespace Coursera.Billing.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class BillingDesignFactory() : ServiceStoreDesignFactory<BillingDbContext>(BillingDbContext.Schema);
