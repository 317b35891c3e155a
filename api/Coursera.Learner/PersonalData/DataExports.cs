using System.Text.Json;
using Coursera.Documents;
using Coursera.Events;
using Coursera.Events.Outbox;
using Coursera.Events.PersonalData;
using Coursera.Learner.Data;
using Coursera.Learner.Enrollments;
using Coursera.Learner.Model;
using Coursera.Learner.Progress;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coursera.Learner.PersonalData;

/// <summary>
/// Personal-data exports: the request (an event every service answers), the learner service's own part, the
/// archive assembled from the drop box once every service has answered, and its one download by its owner.
/// </summary>
public sealed class DataExports(
    IDbContextFactory<LearnerDbContext> contexts,
    IDocumentStore documents,
    ProgressRecorder progress,
    IOptions<LearnerOptions> options,
    TimeProvider clock)
{
    public const string Service = "learner";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IDocumentCollection<ExportPart> DropBox { get; } = documents.Collection<ExportPart>(PersonalDataEvents.DropBoxOwner, PersonalDataEvents.DropBoxCollection);

    public async Task<MutationPayload<DataExport>> RequestAsync(Caller caller, CancellationToken cancellationToken)
    {
        var userId = LearnerCallers.OwningPersonalData(caller);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await LearnerCallers.EnsureNotErasedAsync(db, userId, cancellationToken);
        if (await db.DataExports.AnyAsync(e => e.UserId == userId && e.ReadyAt == null && e.RequestedAt > now.AddHours(-1), cancellationToken))
        {
            return MutationPayload<DataExport>.Refused(UserError.For("EXPORT_IN_PROGRESS", "An export of your data is being assembled; wait for it."));
        }

        var export = new DataExport { UserId = userId, RequestedAt = now };
        db.DataExports.Add(export);
        db.Publish(EventEnvelope.Create(PersonalDataEvents.ExportRequested, Service, userId.ToString(), new ExportRequestedData(export.Id, userId), now));
        await db.SaveChangesAsync(cancellationToken);
        return MutationPayload<DataExport>.Changed(export);
    }

    public async Task<DataExport?> FindAsync(string rawId, Caller caller, CancellationToken cancellationToken)
    {
        var userId = LearnerCallers.OwningPersonalData(caller);
        var id = Ids.Parse(rawId, "id");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DataExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
    }

    /// <summary>The learner service's own part: enrollments, entitlements, certificates and progress.</summary>
    public async Task WritePartAsync(ExportRequestedData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.LearnerId == request.UserId).OrderBy(e => e.EnrolledAt).ToListAsync(cancellationToken);
        var entitlements = await db.Entitlements.AsNoTracking().Where(e => e.LearnerId == request.UserId).ToListAsync(cancellationToken);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.LearnerId == request.UserId).ToListAsync(cancellationToken);
        var memberships = await db.ProgramMemberships.AsNoTracking().Where(m => m.UserId == request.UserId).ToListAsync(cancellationToken);
        var progressDocuments = await progress.Progress.FindAsync(DocumentFilter.Eq("learnerId", request.UserId), cancellationToken: cancellationToken);
        var data = new
        {
            enrollments = enrollments.Select(e => new
            {
                e.Id, e.CourseId, e.SessionId, Track = e.Track.ToString().ToUpperInvariant(), State = e.State.ToString().ToUpperInvariant(),
                e.LearnerName, e.EnrolledAt, e.CompletedAt, e.WithdrawnAt,
            }),
            entitlements = entitlements.Select(e => new { e.CourseId, e.GrantedAt, used = e.EnrollmentId is not null }),
            certificates = certificates.Select(c => new { c.Code, c.CourseTitle, c.LearnerName, c.IssuedAt, c.RevokedAt }),
            programs = memberships.Select(m => new { m.ProgramId, m.OrganizationId, m.Email, m.ExternalId, m.JoinedAt }),
            progress = progressDocuments,
        };
        await DropBox.PutAsync(PersonalDataEvents.PartId(request.ExportId, Service), new ExportPart
        {
            ExportId = request.ExportId,
            UserId = request.UserId,
            Service = Service,
            Data = JsonSerializer.SerializeToElement(data, Json),
        }, cancellationToken);
    }

    /// <summary>Notes a service's part; returns true when that made the export ready.</summary>
    public async Task<bool> ReceivedAsync(LearnerDbContext db, Guid exportId, string service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var export = await db.DataExports.SingleOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        if (export is null || export.ReceivedFrom.Contains(service))
        {
            return false;
        }

        export.ReceivedFrom = [.. export.ReceivedFrom, service];
        var ready = options.Value.PersonalDataServices.All(export.ReceivedFrom.Contains) && export.ReadyAt is null;
        if (ready)
        {
            export.ReadyAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ready;
    }

    /// <summary>
    /// The archive, once, to its owner: the parts are deleted from the drop box as it is handed over. Null when there is
    /// no such export of theirs, or it is not ready, or it was downloaded before.
    /// </summary>
    public async Task<object?> DownloadAsync(Guid exportId, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Claimed by one statement, so two downloads at once cannot both get it.
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.DataExports.Where(e => e.Id == exportId && e.UserId == userId && e.ReadyAt != null && e.DownloadedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DownloadedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var parts = await DropBox.FindAsync(DocumentFilter.Eq("exportId", exportId), cancellationToken: cancellationToken);
        await DropBox.DeleteManyAsync(DocumentFilter.Eq("exportId", exportId), cancellationToken);
        return new { exportId, userId, generatedAt = now, services = parts.ToDictionary(p => p.Service, p => p.Data) };
    }
}
