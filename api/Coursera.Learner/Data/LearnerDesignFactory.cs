using Coursera.ServiceDefaults.Data;

namespace Coursera.Learner.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service.</summary>
internal sealed class LearnerDesignFactory() : ServiceStoreDesignFactory<LearnerDbContext>(LearnerDbContext.Schema);
