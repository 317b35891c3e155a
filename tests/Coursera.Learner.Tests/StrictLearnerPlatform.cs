namespace Coursera.Learner.Tests;

/// <summary>
/// The platform with the learner service's safety limits turned tight, to see them act: a recent sign-in can never
/// be recent enough (no re-authentication window), and an organization may invite three people a day.
/// </summary>
public sealed class StrictLearnerPlatform : PlatformApp
{
    public const int InvitationsPerDay = 3;

    public StrictLearnerPlatform()
    {
        Settings["Learner:ReauthenticationWindow"] = "00:00:00";
        Settings["Learner:InvitationsPerOrganizationPerDay"] = InvitationsPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
