using Coursera.Documents;
using Coursera.Events;
using Coursera.Events.Outbox;
using Coursera.Events.PersonalData;
using Coursera.Learner.Data;
using Coursera.Learner.Enrollments;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Model;
using Coursera.Learner.Progress;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coursera.Learner.PersonalData;

/// <summary>
/// Erases a learner, on their own request or a platform administrator's. Here: their name leaves enrollments and
/// certificates (which are revoked: a certificate must name someone), their progress and exports are deleted;
/// enrollments and entitlements stay as pseudonymous records (payments must be kept). Then
/// <c>personal_data.erasure_requested</c> tells every other service to do the same with what it holds (identity
/// pseudonymises the account, and its <c>personal_data.account_erased</c> lets <see cref="InvitationEraser"/> drop
/// invitations sent to the email), and <c>learner.erased</c> tells each partner and organization that knew the learner.
/// The organizations' learning records lose the learner's ids and email, and each of their enrollments there gets an
/// ERASURE tombstone, for the organizations' systems to delete what they pulled.
/// </summary>
public sealed class AccountErasure(
    IDbContextFactory<LearnerDbContext> contexts,
    ProgressRecorder progress,
    DataExports exports,
    LearningRecordLog records,
    IOptions<LearnerOptions> options,
    TimeProvider clock,
    IConnectionMultiplexer? redis = null)
{
    public const string ErasedName = "Erased learner";

    public async Task<EraseAccountPayload> EraseAsync(EraseAccountInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        Guid learnerId;
        if (input.UserId is null)
        {
            learnerId = LearnerCallers.OwningPersonalData(caller);
        }
        else
        {
            learnerId = Ids.Parse(input.UserId, "input.userId");
            if (learnerId != caller.UserId && !caller.IsPlatformAdmin)
            {
                throw GraphQLErrors.Forbidden("Only platform administrators erase someone else's account.");
            }

            // Platform administrators too act only through Coursera's own applications (no other client gets the scope).
            LearnerCallers.OwningPersonalData(caller);
        }

        // A stolen access token must not be enough to destroy one's account: the owner proves who they are again.
        var now = clock.GetUtcNow().UtcDateTime;
        var window = options.Value.ReauthenticationWindow;
        if (learnerId == caller.UserId && !caller.SignedInWithin(window, clock.GetUtcNow()))
        {
            return new EraseAccountPayload(null, null, [UserError.For("REAUTHENTICATION_REQUIRED",
                $"Sign in again (an authorization request with max_age=0) at most {window.TotalMinutes:0} minutes before erasing your account.")]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Enrollments.Where(e => e.LearnerId == learnerId).ExecuteUpdateAsync(s => s.SetProperty(e => e.LearnerName, ErasedName), cancellationToken);
        var certificates = await db.Certificates.Where(c => c.LearnerId == learnerId).ToListAsync(cancellationToken);
        foreach (var certificate in certificates)
        {
            certificate.LearnerName = ErasedName;
            if (certificate.RevokedAt is null)
            {
                certificate.RevokedAt = now;
                certificate.RevocationReason = "The learner's account was erased.";
                db.Publish(LearnerEvents.For(LearnerEvents.CertificateRevoked, certificate, null, now));
            }
        }

        // The partners and organizations the learner was enrolled with received their enrollments as webhooks: each
        // hears of the erasure the same way, in its own event.
        var partners = await db.Enrollments.Where(e => e.LearnerId == learnerId).Select(e => e.PartnerId).Distinct().ToListAsync(cancellationToken);
        var organizations = await db.Enrollments.Where(e => e.LearnerId == learnerId && e.OrganizationId != null).Select(e => e.OrganizationId!.Value)
            .Union(db.ProgramMemberships.Where(m => m.UserId == learnerId).Select(m => m.OrganizationId)).ToListAsync(cancellationToken);
        var byAdministrator = learnerId != caller.UserId;
        var notice = new LearnerErasedData(learnerId, now, byAdministrator);
        foreach (var partnerId in partners)
        {
            db.Publish(EventEnvelope.Create(PersonalDataEvents.LearnerErased, DataExports.Service, learnerId.ToString(), notice, now, partnerId: partnerId));
        }

        foreach (var organizationId in organizations)
        {
            db.Publish(EventEnvelope.Create(PersonalDataEvents.LearnerErased, DataExports.Service, learnerId.ToString(), notice, now, organizationId: organizationId));
        }

        // The organization's HR ids for the person leave the bulk enrollment rows that named them (by the person's id, an
        // external id of theirs, or the enrollment made), before the memberships that tell which external ids were theirs.
        var learnerKey = learnerId.ToString();
        var externalIds = db.ProgramMemberships.Where(m => m.UserId == learnerId && m.ExternalId != null).Select(m => m.ExternalId);
        var enrollmentIds = db.Enrollments.Where(e => e.LearnerId == learnerId).Select(e => (Guid?)e.Id);
        await db.BulkRows.Where(r => r.LearnerId == learnerKey || externalIds.Contains(r.ExternalId) || enrollmentIds.Contains(r.EnrollmentId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExternalId, (string?)null).SetProperty(r => r.LearnerId, (string?)null), cancellationToken);
        await db.DataExports.Where(e => e.UserId == learnerId).ExecuteDeleteAsync(cancellationToken);
        await db.ProgramMemberships.Where(m => m.UserId == learnerId).ExecuteDeleteAsync(cancellationToken);
        if (!await LearnerCallers.IsErasedAsync(db, learnerId, cancellationToken))
        {
            db.ErasedLearners.Add(new ErasedLearner { LearnerId = learnerId, ErasedAt = now });
        }

        db.Publish(EventEnvelope.Create(PersonalDataEvents.ErasureRequested, DataExports.Service, learnerId.ToString(),
            new ErasureRequestedData(learnerId, now, byAdministrator), now));
        await records.SaveAsync(db, await LearningRecordLog.ForgetAsync(db, learnerId, now, cancellationToken), cancellationToken);

        // The account's access tokens stop working in every service before the erasure commits: if Redis cannot take
        // the entry, nothing is erased and the request can be retried.
        if (redis is not null)
        {
            await RevokedSubjects.RevokeAsync(redis, learnerKey, options.Value.ErasedTokensRefusedFor);
        }

        // Documents are not in the transaction: deleted after it commits, and again by any retry of the erasure.
        await transaction.CommitAsync(cancellationToken);
        await progress.Progress.DeleteManyAsync(DocumentFilter.Eq("learnerId", learnerId), cancellationToken);
        await exports.DropBox.DeleteManyAsync(DocumentFilter.Eq("userId", learnerId), cancellationToken);
        return new EraseAccountPayload(learnerId, now, []);
    }
}

public sealed class EraseAccountInput
{
    /// <summary>Someone else's account (platform administrators); the caller's own when omitted.</summary>
    [Id] public string? UserId { get; set; }
}

public sealed record EraseAccountPayload(Guid? LearnerId, DateTime? ErasedAt, IReadOnlyList<UserError> Errors);
