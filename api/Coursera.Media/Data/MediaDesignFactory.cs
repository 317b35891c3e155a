using Coursera.ServiceDefaults.Data;

namespace Coursera.Media.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class MediaDesignFactory() : ServiceStoreDesignFactory<MediaDbContext>(MediaDbContext.Schema);
