namespace Coursera.Learner.Licences;

/// <summary>Billing's licence, known here by its id.</summary>
public sealed record LicenceReference(Guid Id);
