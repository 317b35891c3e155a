namespace Coursera.ServiceDefaults.Data;

/// <summary>
/// Work a store needs once its migrations are applied: indexes of a document collection, or seeding sample data.
/// Resolved from a scope of its own, so it may take scoped services.
/// </summary>
public interface IStoreStep<in TContext>
{
    Task RunAsync(TContext db, CancellationToken cancellationToken);
}
