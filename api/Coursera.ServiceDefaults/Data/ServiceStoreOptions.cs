namespace Coursera.ServiceDefaults.Data;

/// <summary>
/// When a service's store is set up, bound from the service's configuration section (<c>Catalog:MigrateOnStart</c>,
/// <c>Catalog:Seed</c>, ...). The all-in-one host and tests migrate on start; production runs the <c>migrate</c>
/// command before a rollout and starts with both off.
/// </summary>
public sealed class ServiceStoreOptions
{
    /// <summary>Apply migrations (and the store's after-migration steps) before the service starts.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>After migrating, run the store's seed steps (sample data for development and tests).</summary>
    public bool Seed { get; set; }
}
