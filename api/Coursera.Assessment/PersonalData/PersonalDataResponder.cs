using System.Text.Json;
using Coursera.Assessment.Attempts;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Documents;
using Coursera.Events;
using Coursera.Events.Handling;
using Coursera.Events.Outbox;
using Coursera.Events.PersonalData;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Assessment.PersonalData;

/// <summary>
/// The assessment service's answers about a person: their attempts (with what they answered) and grades for an
/// export; and, on erasure, the answers they wrote removed from every attempt (scores and grades stay, under the
/// pseudonymous id, as enrollment records do in the learner service).
/// </summary>
public sealed class PersonalDataResponder(ServiceStore<AssessmentDbContext> store, Proctor proctor, IDocumentStore documents, TimeProvider clock)
    : IEventHandler
{
    public const string Service = "assessment";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDocumentCollection<ExportPart> _dropBox = documents.Collection<ExportPart>(PersonalDataEvents.DropBoxOwner, PersonalDataEvents.DropBoxCollection);

    public bool Handles(string type) => type is PersonalDataEvents.ExportRequested or PersonalDataEvents.ErasureRequested;

    public async Task HandleAsync(EventEnvelope envelope, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await using var db = await store.OnTransactionAsync(transaction, cancellationToken);
        if (envelope.Type == PersonalDataEvents.ExportRequested)
        {
            var request = envelope.Data.Deserialize<ExportRequestedData>(Json)!;
            await ExportAsync(db, request, cancellationToken);
        }
        else
        {
            var request = envelope.Data.Deserialize<ErasureRequestedData>(Json)!;
            // What the learner wrote goes (answers, files, peer-graded text, review comments); scores stay, since others'
            // grades and statistics count them.
            await proctor.Contents.UpdateManyAsync(DocumentFilter.Eq("learnerId", request.UserId),
                DocumentUpdate.Empty.Set("answers", new Dictionary<string, Answer>()).Set("files", new List<SubmittedFile>()).Set("text", (string?)null)
                    .Set("attestation", (Attestation?)null).Set("erased", true), cancellationToken);
            await db.PeerReviews.Where(r => r.ReviewerId == request.UserId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Comment, (string?)null), cancellationToken);
            await db.Attempts.Where(a => a.LearnerId == request.UserId).ExecuteUpdateAsync(a => a.SetProperty(x => x.Feedback, (string?)null), cancellationToken);
        }
    }

    private async Task ExportAsync(AssessmentDbContext db, ExportRequestedData request, CancellationToken cancellationToken)
    {
        var attempts = await db.Attempts.AsNoTracking().Where(a => a.LearnerId == request.UserId).OrderBy(a => a.StartedAt).ToListAsync(cancellationToken);
        var contents = (await proctor.Contents.FindAsync(DocumentFilter.Eq("learnerId", request.UserId), cancellationToken: cancellationToken))
            .ToDictionary(c => c.AttemptId);
        var grades = await db.Grades.AsNoTracking().Where(g => g.LearnerId == request.UserId).ToListAsync(cancellationToken);
        var grants = await db.Grants.AsNoTracking().Where(g => g.LearnerId == request.UserId).ToListAsync(cancellationToken);
        var passes = await db.CoursePasses.AsNoTracking().Where(p => p.LearnerId == request.UserId).ToListAsync(cancellationToken);
        var reviews = await db.PeerReviews.AsNoTracking().Where(r => r.ReviewerId == request.UserId && r.State == PeerReviewState.Completed)
            .ToListAsync(cancellationToken);
        var part = new ExportPart
        {
            ExportId = request.ExportId,
            UserId = request.UserId,
            Service = Service,
            Data = JsonSerializer.SerializeToElement(new
            {
                attempts = attempts.Select(a => (Attempt: a, Content: contents.GetValueOrDefault(a.Id))).Select(x => new
                {
                    x.Attempt.Id, x.Attempt.ItemId, x.Attempt.CourseId, x.Attempt.Number, State = x.Attempt.State.ToString(), x.Attempt.StartedAt,
                    x.Attempt.SubmittedAt, x.Attempt.Score, x.Attempt.Passed, answers = x.Content?.Answers.Values, files = x.Content?.Files,
                    text = x.Content?.Text, honourCode = x.Content?.Attestation, x.Attempt.Feedback,
                }),
                peerReviewsGiven = reviews.Select(r => new { r.AssessmentId, r.Scores, r.Comment, r.CompletedAt }),
                grades = grades.Select(g => new { g.ItemId, g.CourseId, g.Score, g.Passed, g.GradedAt }),
                extraAttempts = grants.Select(g => new { g.AssessmentId, g.ExtraAttempts, g.Reason, g.GrantedAt }),
                coursesPassed = passes.Select(p => new { p.CourseId, p.Score, p.PassedAt }),
            }, Json),
        };

        // The part goes to the drop box first: the announcement commits with the inbox row, so a redelivery writes the
        // same document again and announces once.
        await _dropBox.PutAsync(PersonalDataEvents.PartId(request.ExportId, Service), part, cancellationToken);
        db.Publish(EventEnvelope.Create(PersonalDataEvents.ExportPart, Service, request.UserId.ToString(),
            new ExportPartData(request.ExportId, request.UserId, Service), clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
