namespace Coursera.Learner.Licences;

/// <summary>What asking for a seat gave: one (new or already held), or why not.</summary>
public enum SeatClaim
{
    Taken,
    AlreadyHeld,
    NoLicence,
    NoSeatAvailable,
}
