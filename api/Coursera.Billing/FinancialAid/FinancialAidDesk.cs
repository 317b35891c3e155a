using Coursera.Billing.Audit;
using Coursera.Billing.Data;
using Coursera.Billing.Model;
using Coursera.Billing.Orders;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Billing.FinancialAid;

/// <summary>
/// Financial aid: a learner applies for a course that is for sale (two answers of at least 150 words); platform
/// administrators or the course's partner administrators approve or deny it with a note; an approval grants the PAID
/// track for 180 days (<c>entitlement.granted</c>, source FINANCIAL_AID), free.
/// </summary>
public sealed class FinancialAidDesk(IDbContextFactory<BillingDbContext> contexts, TimeProvider clock)
{
    public async Task<MutationPayload<AidApplication>> ApplyAsync(ApplyForFinancialAidInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Checkouts.Learner(caller);
        var courseId = Ids.Parse(input.CourseId, "input.courseId");
        if (AidApplication.Words(input.Reasons) < AidApplication.MinimumWords || AidApplication.Words(input.Goals) < AidApplication.MinimumWords
            || input.Reasons.Length > 20_000 || input.Goals.Length > 20_000)
        {
            return MutationPayload<AidApplication>.Refused(UserError.For("INVALID_APPLICATION",
                $"Answer both questions in {AidApplication.MinimumWords} words or more (at most 20,000 characters each).",
                AidApplication.Words(input.Reasons) < AidApplication.MinimumWords ? "reasons" : "goals"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var partnerId = await db.Offers.Where(o => o.CourseId == courseId && o.Active).Select(o => (Guid?)o.PartnerId).FirstOrDefaultAsync(cancellationToken);
        if (partnerId is null)
        {
            return MutationPayload<AidApplication>.Refused(UserError.For("COURSE_NOT_FOR_SALE", "This course sells nothing: it needs no financial aid.", "courseId"));
        }

        if (await db.Orders.AnyAsync(o => o.LearnerId == learnerId && o.CourseId == courseId && o.State == OrderState.Paid, cancellationToken)
            || await db.AidApplications.AnyAsync(a => a.LearnerId == learnerId && a.CourseId == courseId && (a.State == AidState.Pending || a.State == AidState.Approved), cancellationToken))
        {
            return MutationPayload<AidApplication>.Refused(UserError.For("ALREADY_APPLIED",
                "You have bought this course, or applied for aid for it already (see viewerFinancialAidApplications).", "courseId"));
        }

        var application = new AidApplication
        {
            LearnerId = learnerId,
            CourseId = courseId,
            PartnerId = partnerId.Value,
            Reasons = input.Reasons.Trim(),
            Goals = input.Goals.Trim(),
            SubmittedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AidApplications.Add(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return MutationPayload<AidApplication>.Refused(UserError.For("ALREADY_APPLIED", "You have applied for aid for this course already.", "courseId"));
        }

        return MutationPayload<AidApplication>.Changed(application);
    }

    public async Task<MutationPayload<AidApplication>> ReviewAsync(ReviewFinancialAidInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAuthenticated)
        {
            throw GraphQLErrors.Unauthenticated("Sign in to review financial aid.");
        }

        var id = Ids.Parse(input.ApplicationId, "input.applicationId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await db.AidApplications.FromSql($"SELECT * FROM billing.aid_applications WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        if (application is null || !Reviews(caller, application.PartnerId) || application.LearnerId == caller.UserId)
        {
            return MutationPayload<AidApplication>.Refused(UserError.For("APPLICATION_NOT_FOUND", "No application you may review has this id.", "applicationId"));
        }

        if (application.State != AidState.Pending)
        {
            return MutationPayload<AidApplication>.Refused(UserError.For("ALREADY_DECIDED", $"This application was {application.State.ToString().ToUpperInvariant()} already.", "applicationId"));
        }

        if (input.Note.Trim() is not { Length: > 0 and <= 1000 } note)
        {
            return MutationPayload<AidApplication>.Refused(UserError.For("INVALID_NOTE", "A note of 1 to 1000 characters for the learner.", "note"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        application.State = input.Approve ? AidState.Approved : AidState.Denied;
        application.DecidedAt = now;
        application.DecidedBy = caller.Email ?? caller.Subject;
        application.Note = note;
        AuditTrail.Record(db, caller, input.Approve ? "financial_aid.approved" : "financial_aid.denied", $"aid:{application.Id}", note, now);
        if (input.Approve)
        {
            application.AccessEndsAt = now.AddDays(AidApplication.AccessDays);
            db.Publish(BillingEvents.Granted(application));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<AidApplication>.Changed(application);
    }

    /// <summary>The signed-in learner's applications, newest first.</summary>
    public async Task<IReadOnlyList<AidApplication>> OfViewerAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.UserId is not { } learnerId)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AidApplications.AsNoTracking().Where(a => a.LearnerId == learnerId).OrderByDescending(a => a.SubmittedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Pending applications the caller may review (all for platform administrators, their courses' for partner administrators), oldest first.</summary>
    public async Task<IReadOnlyList<AidApplication>> QueueAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = db.AidApplications.AsNoTracking().Where(a => a.State == AidState.Pending && a.LearnerId != caller.UserId);
        if (!caller.IsPlatformAdmin)
        {
            var partners = caller.TenantsWithRole("partner_admin");
            pending = pending.Where(a => partners.Contains(a.PartnerId));
        }

        return await pending.OrderBy(a => a.SubmittedAt).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Platform administrators and the course's partner administrators; never one's own application.</summary>
    private static bool Reviews(Caller caller, Guid partnerId) => caller.IsPlatformAdmin || caller.HasRole(partnerId, "partner_admin");
}
