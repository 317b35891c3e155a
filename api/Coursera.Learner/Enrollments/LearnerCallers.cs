using Coursera.Learner.Data;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs.Errors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Learner.Enrollments;

/// <summary>
/// Who acts as a learner, and with what token. A user's token carries the scopes the user granted the application:
/// changing one's enrollments and progress needs <c>enrollments:write</c>, exporting or erasing one's data
/// <c>personal_data</c>, which identity gives only to Coursera's own applications, so a third-party application the
/// user let read the catalog cannot enroll, withdraw or erase them. An erased learner (tombstone) does nothing more.
/// </summary>
public static class LearnerCallers
{
    public const string EnrollmentsScope = "enrollments:write";

    /// <summary>Only first-party clients may hold it (see <c>ApiScopes.FirstPartyOnly</c> in identity).</summary>
    public const string PersonalDataScope = "personal_data";

    /// <summary>The signed-in learner, when their token may change their enrollments and progress.</summary>
    public static Guid Enrolling(Caller caller) => WithScope(caller, EnrollmentsScope);

    /// <summary>The signed-in learner, when their token comes from one of our own applications and may act on their personal data.</summary>
    public static Guid OwningPersonalData(Caller caller) => WithScope(caller, PersonalDataScope);

    /// <summary>Refuses (FORBIDDEN) a learner whose account was erased: a token issued before the erasure changes nothing.</summary>
    public static async Task EnsureNotErasedAsync(LearnerDbContext db, Guid learnerId, CancellationToken cancellationToken)
    {
        if (await IsErasedAsync(db, learnerId, cancellationToken))
        {
            throw GraphQLErrors.Forbidden("This account was erased.");
        }
    }

    public static async Task<bool> IsErasedAsync(LearnerDbContext db, Guid learnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ErasedLearners.AnyAsync(e => e.LearnerId == learnerId, cancellationToken);
    }

    private static Guid WithScope(Caller caller, string scope)
    {
        var learnerId = Registrar.SignedInLearner(caller);
        return caller.HasScope(scope)
            ? learnerId
            : throw GraphQLErrors.Forbidden($"This needs a token with the '{scope}' scope: sign in again through an application that asks for it.");
    }
}
