using Coursera.Events;
using Coursera.Events.Outbox;
using Coursera.Learner.Data;
using Coursera.Learner.Enrollments;
using Coursera.Learner.LearningRecords;
using Coursera.Learner.Licences;
using Coursera.Learner.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Learner.Programs;

/// <summary>An organization's programs and their members. Another organization's programs do not exist for a caller.</summary>
public sealed class ProgramAdministration(IDbContextFactory<LearnerDbContext> contexts, LearningRecordLog records, IOptions<LearnerOptions> options, TimeProvider clock)
{
    public const int MaxMembersPerRequest = 1000;

    public async Task<MutationPayload<EnterpriseProgram>> CreateAsync(CreateProgramInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var organizationId = Ids.Parse(input.OrganizationId, "input.organizationId");
        ProgramAccess.Ensure(caller, organizationId);
        var courseIds = input.CourseIds.Select(id => Ids.Parse(id, "input.courseIds")).Distinct().ToList();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200 || input.Name.Any(char.IsControl))
        {
            return MutationPayload<EnterpriseProgram>.Refused(UserError.For("INVALID_NAME",
                "Give the program a name of at most 200 characters, on one line (no control characters).", "name"));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await db.Outlines.Where(o => courseIds.Contains(o.CourseId) && o.Status == CourseOutline.Published).Select(o => o.CourseId).ToListAsync(cancellationToken);
        if (courseIds.Count == 0 || known.Count != courseIds.Count)
        {
            return MutationPayload<EnterpriseProgram>.Refused(UserError.For("COURSE_NOT_FOUND",
                "Every course of a program must be a public course (at least one).", "courseIds"));
        }

        var program = new EnterpriseProgram
        {
            OrganizationId = organizationId,
            Name = input.Name.Trim(),
            Description = input.Description?.Trim(),
            CourseIds = courseIds,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Programs.Add(program);
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<EnterpriseProgram>.Changed(program);
    }

    public async Task<MutationPayload<EnterpriseProgram>> AddMembersAsync(AddProgramMembersInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (program, refusal) = await MembersChangeAsync(db, input.ProgramId, input.Members, caller, cancellationToken);
        if (program is null)
        {
            return refusal!;
        }

        var errors = new List<UserError>();
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.ProgramMemberships.Where(m => m.ProgramId == program.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < input.Members.Count; i++)
        {
            var member = input.Members[i];
            Guid? userId = member.UserId is null ? null : Guid.TryParse(member.UserId, out var parsed) ? parsed : null;
            var email = member.Email?.Trim().ToLowerInvariant();
            var externalId = member.ExternalId?.Trim();
            if ((member.UserId is not null && userId is null) || (userId is null && string.IsNullOrEmpty(email) && string.IsNullOrEmpty(externalId))
                || (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 320)))
            {
                errors.Add(UserError.For("INVALID_MEMBER", "A member needs a valid user id, email or external id.", "members", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            if (existing.Any(m => (userId is not null && m.UserId == userId) || (email is not null && m.Email == email) || (externalId is not null && m.ExternalId == externalId)))
            {
                continue; // already a member: adding again changes nothing
            }

            if (userId is { } invitee && await LearnerCallers.IsErasedAsync(db, invitee, cancellationToken))
            {
                errors.Add(UserError.For("INVALID_MEMBER", "A member needs a valid user id, email or external id.", "members", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            var membership = new ProgramMembership
            {
                ProgramId = program.Id,
                OrganizationId = program.OrganizationId,
                UserId = userId,
                Email = email,
                ExternalId = externalId,
                CreatedAt = now,

                // Added by user id too, a person is only invited: they join by accepting (acceptProgramInvitations), so
                // an organization cannot enroll, and hear about, someone who never agreed to be its learner.
                JoinedAt = null,
            };
            existing.Add(membership);
            db.ProgramMemberships.Add(membership);
            db.Publish(EventEnvelope.Create(LearnerEvents.ProgramMembershipCreated, LearnerEvents.Source, membership.Id.ToString(),
                new { membershipId = membership.Id, programId = program.Id, organizationId = program.OrganizationId, userId, externalId }, now,
                organizationId: program.OrganizationId));
        }

        if (errors.Count > 0)
        {
            return MutationPayload<EnterpriseProgram>.Refused(errors); // all or nothing: fix the rows and send again
        }

        if (await InvitationLimitReachedAsync(db, program.OrganizationId, now, cancellationToken))
        {
            return MutationPayload<EnterpriseProgram>.Refused(UserError.For("INVITATION_LIMIT_REACHED",
                $"An organization invites at most {options.Value.InvitationsPerOrganizationPerDay:N0} people a day to its programs; send the rest tomorrow.", "members"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<EnterpriseProgram>.Changed(program);
    }

    /// <summary>
    /// Whether the invitations being added (by email or user id: those are mailed or shown to someone) take the
    /// organization past its daily cap, counting those of the last 24 hours: the platform's mail is not a mass-mailing
    /// tool for whatever text a program is named.
    /// </summary>
    private async Task<bool> InvitationLimitReachedAsync(LearnerDbContext db, Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var adding = db.ChangeTracker.Entries<ProgramMembership>().Count(e => e.State == EntityState.Added && (e.Entity.Email != null || e.Entity.UserId != null));
        if (adding == 0)
        {
            return false;
        }

        var since = now.AddDays(-1);
        var recent = await db.ProgramMemberships.CountAsync(m => m.OrganizationId == organizationId && m.CreatedAt > since && (m.Email != null || m.UserId != null),
            cancellationToken);
        return recent + adding > options.Value.InvitationsPerOrganizationPerDay;
    }

    /// <summary>
    /// Takes members out of a program (by user id, email or external id; unknown ones are skipped): their licence seat
    /// comes back unless another of their programs needs it, and their active ENTERPRISE enrollments in courses no
    /// program of theirs has go on on the AUDIT track, progress kept.
    /// </summary>
    public async Task<MutationPayload<EnterpriseProgram>> RemoveMembersAsync(RemoveProgramMembersInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (program, refusal) = await MembersChangeAsync(db, input.ProgramId, input.Members, caller, cancellationToken);
        if (program is null)
        {
            return refusal!;
        }

        var userIds = input.Members.Select(m => Guid.TryParse(m.UserId, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        var emails = input.Members.Select(m => m.Email?.Trim().ToLowerInvariant()).OfType<string>().ToList();
        var externalIds = input.Members.Select(m => m.ExternalId?.Trim()).OfType<string>().ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var leaving = await db.ProgramMemberships.Where(m => m.ProgramId == program.Id
                && ((m.UserId != null && userIds.Contains(m.UserId.Value)) || (m.Email != null && emails.Contains(m.Email)) || (m.ExternalId != null && externalIds.Contains(m.ExternalId))))
            .ToListAsync(cancellationToken);
        db.ProgramMemberships.RemoveRange(leaving);
        foreach (var membership in leaving)
        {
            db.Publish(EventEnvelope.Create(LearnerEvents.ProgramMembershipRemoved, LearnerEvents.Source, membership.Id.ToString(),
                new { membershipId = membership.Id, programId = program.Id, organizationId = program.OrganizationId, membership.UserId, membership.ExternalId }, now,
                organizationId: program.OrganizationId));
        }

        await db.SaveChangesAsync(cancellationToken);
        var audited = new List<Enrollment>();
        foreach (var learnerId in leaving.Select(m => m.UserId).OfType<Guid>().Distinct())
        {
            audited.AddRange(await Seats.ReleaseAsync(db, program.OrganizationId, learnerId, now, cancellationToken));
        }

        // The organization hears that it stopped paying for these enrollments, and then nothing more of them; by the
        // names it gave the members who are leaving, as no membership remains to read them from.
        await records.SaveAsync(db, audited.Select(e =>
        {
            var record = LearningRecord.For(e, program.OrganizationId, LearningRecordKind.Enrollment, now);
            var membership = leaving.First(m => m.UserId == e.LearnerId);
            (record.ExternalId, record.Email) = (membership.ExternalId, membership.Email);
            return record;
        }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<EnterpriseProgram>.Changed(program);
    }

    /// <summary>The program whose members the caller changes, or why not: not one they manage, or too few or many members given.</summary>
    private static async Task<(EnterpriseProgram? Program, MutationPayload<EnterpriseProgram>? Refusal)> MembersChangeAsync(LearnerDbContext db, string programId,
        List<ProgramMemberInput> members, Caller caller, CancellationToken cancellationToken)
    {
        var program = await FindManagedAsync(db, programId, caller, cancellationToken);
        if (program is null)
        {
            return (null, MutationPayload<EnterpriseProgram>.Refused(UserError.For("PROGRAM_NOT_FOUND", "There is no program with this id.", "programId")));
        }

        return members.Count is 0 or > MaxMembersPerRequest
            ? (null, MutationPayload<EnterpriseProgram>.Refused(UserError.For("INVALID_MEMBERS", $"Give 1 to {MaxMembersPerRequest} members.", "members")))
            : (program, null);
    }

    /// <summary>
    /// The signed-in learner joins the programs that invited them: by user id, or by their email (the token must carry
    /// it: scope <c>email</c>); returns the programs joined.
    /// </summary>
    public async Task<IReadOnlyList<EnterpriseProgram>> AcceptInvitationsAsync(Caller caller, CancellationToken cancellationToken)
    {
        var userId = LearnerCallers.Enrolling(caller);
        var email = caller.Email is { Length: > 0 } address ? address.Trim().ToLowerInvariant() : null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LearnerCallers.EnsureNotErasedAsync(db, userId, cancellationToken);
        var invitations = await db.ProgramMemberships
            .Where(m => m.JoinedAt == null && (m.UserId == userId || (email != null && m.Email == email && m.UserId == null)))
            .ToListAsync(cancellationToken);
        if (email is null && invitations.Count == 0)
        {
            throw Coursera.Subgraphs.Errors.GraphQLErrors.Forbidden("Accepting invitations sent to your email needs it: sign in with the 'email' scope.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var theirs = await db.ProgramMemberships.Where(m => m.UserId == userId).Select(m => m.ProgramId).ToListAsync(cancellationToken);
        foreach (var invitation in invitations)
        {
            if (invitation.UserId is null && theirs.Contains(invitation.ProgramId))
            {
                db.ProgramMemberships.Remove(invitation); // invited by id and by email to the same program: one membership
                continue;
            }

            invitation.UserId = userId;
            invitation.JoinedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        var programIds = invitations.Select(i => i.ProgramId).ToList();
        return await db.Programs.AsNoTracking().Where(p => programIds.Contains(p.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>A program of an organization the caller manages; null otherwise.</summary>
    public async Task<EnterpriseProgram?> FindAsync(string rawId, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await FindManagedAsync(db, rawId, caller, cancellationToken);
    }

    /// <summary>The programs of an organization the caller manages, oldest first.</summary>
    public async Task<List<EnterpriseProgram>> ListAsync(string rawOrganizationId, Caller caller, CancellationToken cancellationToken)
    {
        var organizationId = Ids.Parse(rawOrganizationId, "organizationId");
        ProgramAccess.Ensure(caller, organizationId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Programs.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The program, when the caller manages its organization; null otherwise (another organization's program does not exist for them).</summary>
    public static async Task<EnterpriseProgram?> FindManagedAsync(LearnerDbContext db, string rawId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = Ids.Parse(rawId, "programId");
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return program is not null && ProgramAccess.CanManage(caller, program.OrganizationId) ? program : null;
    }
}
