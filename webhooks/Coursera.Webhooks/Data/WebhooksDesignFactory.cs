using Coursera.ServiceDefaults.Data;

namespace Coursera.Webhooks.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class WebhooksDesignFactory() : ServiceStoreDesignFactory<WebhooksDbContext>(WebhooksDbContext.Schema);
