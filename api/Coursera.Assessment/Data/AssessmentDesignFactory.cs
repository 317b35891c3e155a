using Coursera.ServiceDefaults.Data;

namespace Coursera.Assessment.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class AssessmentDesignFactory() : ServiceStoreDesignFactory<AssessmentDbContext>(AssessmentDbContext.Schema);
