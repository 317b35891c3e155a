using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Assessment.Authoring;

/// <summary>
/// Creating an assessment for a course's quiz, programming assignment or peer-graded work, changing its draft, publishing it. A published version never
/// changes: changing a published assessment starts the next version as a draft, which attempts use once published.
/// Every refusal stores nothing.
/// </summary>
public sealed class AssessmentAuthoring(IDbContextFactory<AssessmentDbContext> contexts, TimeProvider clock)
{
    public const string ItemNotFound = "ITEM_NOT_FOUND";
    public const string NotAssessable = "NOT_ASSESSABLE";
    public const string AlreadyExists = "ASSESSMENT_EXISTS";
    public const string NoQuestions = "NO_QUESTIONS";

    public async Task<MutationPayload<ItemAssessment>> CreateAsync(CreateAssessmentInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        AuthoringAccess.EnsureSignedIn(caller);
        var itemId = Ids.Parse(input.ItemId, "input.itemId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.CourseItems.AsNoTracking().SingleOrDefaultAsync(i => i.ItemId == itemId, cancellationToken);
        if (item is null)
        {
            return MutationPayload<ItemAssessment>.Refused(UserError.For(ItemNotFound, "No item of a published course has this id.", "itemId"));
        }

        AuthoringAccess.Ensure(caller, item.PartnerId);
        if (AssessmentKinds.ForItem(item.Kind) is not { } kind)
        {
            return MutationPayload<ItemAssessment>.Refused(UserError.For(NotAssessable,
                $"The item is a {item.Kind}; assessments are for QUIZ, ASSIGNMENT and PEER_REVIEW items.", "itemId"));
        }

        if (await db.Assessments.AnyAsync(a => a.ItemId == itemId, cancellationToken))
        {
            return MutationPayload<ItemAssessment>.Refused(UserError.For(AlreadyExists, "The item has an assessment already: update it.", "itemId"));
        }

        var (questions, errors) = AssessmentRules.Questions(input.Questions ?? []);
        var policy = input.Policy?.ToPolicy() ?? new AttemptPolicy();
        var grader = input.Grader?.ToGrader();
        var peerReview = input.PeerReview?.ToSetup();
        errors.AddRange(AssessmentRules.Setup(kind, questions, policy, grader, peerReview));
        errors.AddRange(AssessmentRules.Policy(policy));
        errors.AddRange(AssessmentRules.Weight(input.Weight));
        errors.AddRange(AssessmentRules.Group(input.Group));
        errors.AddRange(AssessmentRules.PoolDraws(policy, questions));
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200)
        {
            errors.Add(UserError.For("INVALID_TITLE", "A title of 1 to 200 characters.", "title"));
        }

        if (errors.Count > 0)
        {
            return MutationPayload<ItemAssessment>.Refused(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var assessment = new ItemAssessment
        {
            ItemId = itemId,
            CourseId = item.CourseId,
            PartnerId = item.PartnerId,
            Title = input.Title.Trim(),
            Kind = kind,
            Weight = input.Weight ?? 1,
            Group = AssessmentRules.GroupName(input.Group),
            CreatedAt = now,
        };
        assessment.Versions.Add(new AssessmentVersion
        {
            AssessmentId = assessment.Id,
            Number = 1,
            Questions = questions,
            Policy = policy,
            Grader = grader,
            PeerReview = peerReview,
            CreatedAt = now,
        });
        db.Assessments.Add(assessment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return MutationPayload<ItemAssessment>.Refused(UserError.For(AlreadyExists, "The item has an assessment already: update it.", "itemId"));
        }

        return MutationPayload<ItemAssessment>.Changed(assessment);
    }

    public async Task<MutationPayload<ItemAssessment>> UpdateAsync(UpdateAssessmentInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        AuthoringAccess.EnsureSignedIn(caller);
        var id = Ids.Parse(input.AssessmentId, "input.assessmentId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assessment = await LoadAsync(db, id, caller, cancellationToken);
        if (assessment is null)
        {
            return NotFound("assessmentId");
        }

        var latest = assessment.Latest;
        var errors = new List<UserError>();
        var questions = latest.Questions;
        if (input.Questions is { } given)
        {
            (questions, var questionErrors) = AssessmentRules.Questions(given);
            errors.AddRange(questionErrors);
        }

        var policy = input.Policy?.ToPolicy() ?? latest.Policy;
        var grader = input.Grader?.ToGrader() ?? latest.Grader;
        var peerReview = input.PeerReview?.ToSetup() ?? latest.PeerReview;
        errors.AddRange(AssessmentRules.Setup(assessment.Kind, questions, policy, grader, peerReview));
        errors.AddRange(AssessmentRules.Policy(policy));
        errors.AddRange(AssessmentRules.Weight(input.Weight));
        errors.AddRange(AssessmentRules.Group(input.Group));
        errors.AddRange(AssessmentRules.PoolDraws(policy, questions));
        if (input.Title is { } title && (string.IsNullOrWhiteSpace(title) || title.Length > 200))
        {
            errors.Add(UserError.For("INVALID_TITLE", "A title of 1 to 200 characters.", "title"));
        }

        if (errors.Count > 0)
        {
            return MutationPayload<ItemAssessment>.Refused(errors);
        }

        assessment.Title = input.Title?.Trim() ?? assessment.Title;
        assessment.Weight = input.Weight ?? assessment.Weight;
        assessment.Group = input.Group is null ? assessment.Group : AssessmentRules.GroupName(input.Group);
        if (latest.PublishedAt is null)
        {
            latest.Questions = questions;
            latest.Policy = policy;
            latest.Grader = grader;
            latest.PeerReview = peerReview;
        }
        else if (input.Questions is not null || input.Policy is not null || input.Grader is not null || input.PeerReview is not null)
        {
            var draft = new AssessmentVersion
            {
                AssessmentId = assessment.Id,
                Number = latest.Number + 1,
                Questions = questions,
                Policy = policy,
                Grader = grader,
                PeerReview = peerReview,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Versions.Add(draft);
            assessment.Versions.Add(draft);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<ItemAssessment>.Changed(assessment);
    }

    public async Task<MutationPayload<ItemAssessment>> PublishAsync(PublishAssessmentInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        AuthoringAccess.EnsureSignedIn(caller);
        var id = Ids.Parse(input.AssessmentId, "input.assessmentId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assessment = await LoadAsync(db, id, caller, cancellationToken);
        if (assessment is null)
        {
            return NotFound("assessmentId");
        }

        var latest = assessment.Latest;
        if (assessment.Kind == AssessmentKind.Quiz && latest.Questions.Count == 0)
        {
            return MutationPayload<ItemAssessment>.Refused(UserError.For(NoQuestions, "Add questions before publishing.", "assessmentId"));
        }

        latest.PublishedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<ItemAssessment>.Changed(assessment);
    }

    /// <summary>
    /// The assessment with its versions, when the caller may author it; null when it does not exist. Its row is locked
    /// for the caller's transaction: a publish and an update of the draft never interleave (the draft's questions
    /// written after it was published would change a published version).
    /// </summary>
    private static async Task<ItemAssessment?> LoadAsync(AssessmentDbContext db, Guid id, Caller caller, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM assessment.assessments WHERE id = {id} FOR UPDATE", cancellationToken);
        var assessment = await db.Assessments.Include(a => a.Versions).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is not null)
        {
            AuthoringAccess.Ensure(caller, assessment.PartnerId);
        }

        return assessment;
    }

    private static MutationPayload<ItemAssessment> NotFound(string field) =>
        MutationPayload<ItemAssessment>.Refused(UserError.For("ASSESSMENT_NOT_FOUND", "No assessment has this id.", field));
}
