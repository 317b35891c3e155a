using Coursera.Assessment.Data;
using Coursera.Assessment.Gradebook;
using Coursera.Assessment.Model;
using Coursera.Assessment.Overrides;
using Coursera.Assessment.Programming;
using Coursera.Documents;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Authentication;
using Coursera.Subgraphs;
using Coursera.Subgraphs.Errors;
using Coursera.Subgraphs.UserErrors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coursera.Assessment.Attempts;

/// <summary>
/// Attempts, start to grade, all decided on the server: an attempt needs an enrollment in the course and an attempt
/// left by the policy (on the server's clock); its questions are drawn and shuffled once, with a seed of its own, and
/// sent without answer keys; answers are saved until the time limit; a submission is graded once, however often it
/// is sent, and the item's kept grade is posted (<c>grade.posted</c>) when it changes.
/// </summary>
public sealed class Proctor(IDbContextFactory<AssessmentDbContext> contexts, IDocumentStore documents, TimeProvider clock)
{
    public const string Collection = "attempts";
    public const string AssessmentNotFound = "ASSESSMENT_NOT_FOUND";
    public const string NotEnrolled = "NOT_ENROLLED";
    public const string NoAttemptsLeft = "NO_ATTEMPTS_LEFT";
    public const string AttemptNotFound = "ATTEMPT_NOT_FOUND";
    public const string AttemptClosed = "ATTEMPT_CLOSED";
    public const string InvalidAnswer = "INVALID_ANSWER";
    public const string SubmissionPending = "SUBMISSION_PENDING";
    public const string InvalidWork = "INVALID_WORK";
    public const string HonourCodeRequired = "HONOUR_CODE_REQUIRED";

    public IDocumentCollection<AttemptContent> Contents { get; } = documents.Collection<AttemptContent>(AssessmentDbContext.Schema, Collection);

    public async Task<MutationPayload<AttemptView>> StartAsync(StartAttemptInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Learner(caller);
        var itemId = Ids.Parse(input.ItemId, "input.itemId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().Include(a => a.Versions).SingleOrDefaultAsync(a => a.ItemId == itemId, cancellationToken);
        if (assessment?.Published is not { } version)
        {
            return MutationPayload<AttemptView>.Refused(UserError.For(AssessmentNotFound, "The item has no published assessment.", "itemId"));
        }

        var enrollment = await db.Enrollments.AsNoTracking()
            .Where(e => e.LearnerId == learnerId && e.CourseId == assessment.CourseId && (e.State == "ACTIVE" || e.State == "COMPLETED"))
            .OrderByDescending(e => e.Version).FirstOrDefaultAsync(cancellationToken);
        if (enrollment is null)
        {
            return MutationPayload<AttemptView>.Refused(UserError.For(NotEnrolled, "Enroll in the course to take its assessments.", "itemId"));
        }

        var attempts = await db.Attempts.AsNoTracking().Where(a => a.AssessmentId == assessment.Id && a.LearnerId == learnerId)
            .OrderBy(a => a.Number).ToListAsync(cancellationToken);
        if (attempts.FirstOrDefault(a => a.State == AttemptState.InProgress) is { } open)
        {
            return MutationPayload<AttemptView>.Changed(await ViewAsync(db, open, cancellationToken));
        }

        if (attempts.Any(a => a.State is AttemptState.Grading or AttemptState.InReview))
        {
            return MutationPayload<AttemptView>.Refused(UserError.For(SubmissionPending,
                "Your last submission is still being graded: its grade comes first.", "itemId"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var terms = await AttemptGrants.TermsAsync(db, assessment.Id, learnerId, cancellationToken);
        var availability = AttemptRules.Check(version.Policy, AttemptRules.Counted(attempts), terms.ExtraAttempts, now);
        if (!availability.CanStart(now))
        {
            return MutationPayload<AttemptView>.Refused(UserError.For(NoAttemptsLeft, availability.NextAvailableAt is { } next
                ? $"No attempt is left until {next:yyyy-MM-ddTHH:mm:ssZ}."
                : "Every attempt allowed has been made.", "itemId"));
        }

        var attempt = new Attempt
        {
            AssessmentId = assessment.Id,
            VersionId = version.Id,
            LearnerId = learnerId,
            CourseId = assessment.CourseId,
            ItemId = itemId,
            PartnerId = assessment.PartnerId,
            OrganizationId = enrollment.OrganizationId,
            Number = attempts.Count + 1,
            State = AttemptState.InProgress,
            StartedAt = now,
            DueAt = version.Policy.TimeLimitMinutes is { } minutes ? now.AddMinutes(minutes + terms.ExtraMinutes) : null,
        };
        var content = Draw(attempt, version);

        // The content first: a row without its content would be an attempt nobody can take.
        await Contents.PutAsync(attempt.Id.ToString(), content, cancellationToken);
        db.Attempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A second start raced this one: the learner gets the attempt that won.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            var winner = await again.Attempts.AsNoTracking()
                .SingleAsync(a => a.AssessmentId == assessment.Id && a.LearnerId == learnerId && a.Number == attempt.Number, cancellationToken);
            return MutationPayload<AttemptView>.Changed(await ViewAsync(again, winner, cancellationToken));
        }

        return MutationPayload<AttemptView>.Changed(new AttemptView(attempt, content, version, version) { Now = now });
    }

    public async Task<MutationPayload<AttemptView>> SaveAnswersAsync(SaveAnswersInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Learner(caller);
        var id = Ids.Parse(input.AttemptId, "input.attemptId");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Locked like a submit: a save waits for a submit in progress (and then finds it graded), and two saves merge.
        var attempt = await db.Attempts.FromSql($"SELECT * FROM assessment.attempts WHERE id = {id} FOR UPDATE")
            .AsNoTracking().SingleOrDefaultAsync(a => a.LearnerId == learnerId, cancellationToken);
        if (attempt is null)
        {
            return MutationPayload<AttemptView>.Refused(UserError.For(AttemptNotFound, "You have no attempt with this id.", "attemptId"));
        }

        var content = await Contents.GetAsync(attempt.Id.ToString(), cancellationToken) ?? throw new InvalidOperationException($"Attempt {id} has no content.");
        if (Closed(attempt) is { } closed)
        {
            return MutationPayload<AttemptView>.Refused(closed);
        }

        if (Merge(content, input.Answers) is { } invalid)
        {
            return MutationPayload<AttemptView>.Refused(invalid);
        }

        await Contents.UpdateAsync(attempt.Id.ToString(), DocumentUpdate.Empty.Set("answers", content.Answers), cancellationToken: cancellationToken);
        var view = await ViewAsync(db, attempt, cancellationToken, content);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<AttemptView>.Changed(view);
    }

    public async Task<MutationPayload<AttemptView>> SubmitAsync(SubmitAttemptInput input, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var learnerId = Learner(caller);
        var id = Ids.Parse(input.AttemptId, "input.attemptId");
        return await SubmitAsync(id, learnerId, input.Answers ?? [], cancellationToken, input);
    }

    /// <summary>
    /// Grades one attempt in progress whose time ran out more than <paramref name="grace"/> ago, with the answers saved
    /// in time; returns whether there was one (the overdue sweep calls it until there is none).
    /// </summary>
    public async Task<bool> SubmitOneOverdueAsync(TimeSpan grace, IReadOnlyCollection<Guid> skip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skip);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deadline = clock.GetUtcNow().UtcDateTime - grace;
        var overdue = await db.Attempts.AsNoTracking().Where(a => a.State == AttemptState.InProgress && a.DueAt < deadline && !skip.Contains(a.Id))
            .OrderBy(a => a.DueAt).Select(a => new { a.Id, a.LearnerId }).FirstOrDefaultAsync(cancellationToken);
        if (overdue is null)
        {
            return false;
        }

        try
        {
            await SubmitAsync(overdue.Id, overdue.LearnerId, [], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new OverdueAttemptFailedException(overdue.Id, e);
        }

        return true;
    }

    private async Task<MutationPayload<AttemptView>> SubmitAsync(Guid id, Guid learnerId, List<AnswerInput> answers, CancellationToken cancellationToken,
        SubmitAttemptInput? work = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assessmentId = await db.Attempts.Where(a => a.Id == id && a.LearnerId == learnerId).Select(a => (Guid?)a.AssessmentId).SingleOrDefaultAsync(cancellationToken);
        if (assessmentId is null)
        {
            return MutationPayload<AttemptView>.Refused(UserError.For(AttemptNotFound, "You have no attempt with this id.", "attemptId"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Submits share the assessment; a regrade has it alone (Regrader), so no grade is written under its feet. Then
        // the attempt is locked: of two submissions of one attempt, the second waits and then finds it graded.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtextextended({assessmentId.Value.ToString()}, 0))", cancellationToken);
        var attempt = await db.Attempts.FromSql($"SELECT * FROM assessment.attempts WHERE id = {id} FOR UPDATE").SingleAsync(cancellationToken);
        var content = await Contents.GetAsync(attempt.Id.ToString(), cancellationToken) ?? throw new InvalidOperationException($"Attempt {id} has no content.");
        if (attempt.State != AttemptState.InProgress)
        {
            return MutationPayload<AttemptView>.Changed(await ViewAsync(db, attempt, cancellationToken, content));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var versions = await db.Versions.AsNoTracking().Where(v => v.AssessmentId == attempt.AssessmentId).ToListAsync(cancellationToken);
        var version = versions.Single(v => v.Id == attempt.VersionId);
        var newest = AssessmentVersion.NewestPublished(versions) ?? version;
        if (version.Grader is not null || version.PeerReview is not null)
        {
            var refused = version.Grader is { } grader ? SubmitFiles(db, attempt, content, grader, work, now) : SubmitWork(attempt, content, work, now);
            if (refused is not null)
            {
                return MutationPayload<AttemptView>.Refused(refused);
            }

            await Contents.PutAsync(attempt.Id.ToString(), content, cancellationToken);
            db.Publish(AssessmentEvents.Submitted(attempt));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return MutationPayload<AttemptView>.Changed(new AttemptView(attempt, content, version, version) { Now = now });
        }

        // Answers sent after the time limit are not taken: what was saved in time is graded.
        if (answers.Count > 0 && (attempt.DueAt is null || now <= attempt.DueAt))
        {
            if (Merge(content, answers) is { } invalid)
            {
                return MutationPayload<AttemptView>.Refused(invalid);
            }

            await Contents.UpdateAsync(attempt.Id.ToString(), DocumentUpdate.Empty.Set("answers", content.Answers), cancellationToken: cancellationToken);
        }

        attempt.SubmittedAt = now;
        attempt.GradedWithVersionId = newest.Id;
        db.Publish(AssessmentEvents.Submitted(attempt));
        var raw = QuestionScoring.Score(AnswerKeys.For(version.Questions.Where(q => content.Questions.Any(drawn => drawn.Id == q.Id)), newest), content.Answers);
        await ItemGrades.GradeAsync(db, attempt, raw, version.Policy, newest.Policy, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MutationPayload<AttemptView>.Changed(new AttemptView(attempt, content, version, newest) { Now = now });
    }

    /// <summary>A programming submission: its files checked against the grader's limits, then queued for a worker.</summary>
    private static UserError? SubmitFiles(AssessmentDbContext db, Attempt attempt, AttemptContent content, ProgrammingGrader grader, SubmitAttemptInput? work,
        DateTime now)
    {
        var files = (work?.Files ?? []).Select(f => new SubmittedFile(f.Name.Trim(), f.Content)).ToList();
        if (SubmissionFiles.Check(files, grader) is { } invalid)
        {
            return invalid;
        }

        content.Files = files;
        attempt.State = AttemptState.Grading;
        attempt.SubmittedAt = now;
        GradingLeases.Enqueue(db, attempt, now);
        return null;
    }

    /// <summary>Peer-graded work: its text, with the honour code accepted (the version and when kept), then out for review.</summary>
    private static UserError? SubmitWork(Attempt attempt, AttemptContent content, SubmitAttemptInput? work, DateTime now)
    {
        if (work?.Text is not { } text || string.IsNullOrWhiteSpace(text) || text.Length > 20_000)
        {
            return UserError.For(InvalidWork, "Submit your work as a text of 1 to 20000 characters.", "text");
        }

        if (work.HonourCodeVersion != HonourCode.Version)
        {
            return UserError.For(HonourCodeRequired, $"Accept the honour code (version {HonourCode.Version}) to submit work for peer review.",
                "honourCodeVersion");
        }

        content.Text = text;
        content.Attestation = new Attestation(HonourCode.Version, HonourCode.Text, now);
        attempt.State = AttemptState.InReview;
        attempt.SubmittedAt = now;
        return null;
    }

    /// <summary>One of the caller's own attempts; null for anyone else's.</summary>
    public async Task<AttemptView?> FindAsync(string rawId, Caller caller, CancellationToken cancellationToken)
    {
        var id = Ids.Parse(rawId, "id");
        if (caller?.UserId is not { } learnerId)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attempt = await db.Attempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.LearnerId == learnerId, cancellationToken);
        return attempt is null ? null : await ViewAsync(db, attempt, cancellationToken);
    }

    public async Task<AttemptView> ViewAsync(AssessmentDbContext db, Attempt attempt, CancellationToken cancellationToken, AttemptContent? content = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        content ??= await Contents.GetAsync(attempt.Id.ToString(), cancellationToken)
            ?? throw new InvalidOperationException($"Attempt {attempt.Id} has no content.");
        var versions = await db.Versions.AsNoTracking().Where(v => v.Id == attempt.VersionId || v.Id == attempt.GradedWithVersionId)
            .ToDictionaryAsync(v => v.Id, cancellationToken);
        var version = versions[attempt.VersionId];
        return new AttemptView(attempt, content, version, attempt.GradedWithVersionId is { } keys ? versions[keys] : version)
        {
            Now = clock.GetUtcNow().UtcDateTime,
        };
    }

    internal static Guid Learner(Caller caller) =>
        SignedInUsers.Require(caller, "Sign in to take assessments.", "Attempts are a learner's own: an API client cannot make them.");

    private UserError? Closed(Attempt attempt) =>
        attempt.State == AttemptState.Graded
            ? UserError.For(AttemptClosed, "The attempt was submitted already.", "attemptId")
            : attempt.DueAt is { } due && clock.GetUtcNow().UtcDateTime > due
                ? UserError.For(AttemptClosed, "The attempt's time ran out; submit it to have what was saved graded.", "attemptId")
                : null;

    /// <summary>Merges answers into the content; refuses answers to questions the attempt does not have.</summary>
    private static UserError? Merge(AttemptContent content, IReadOnlyList<AnswerInput> answers)
    {
        foreach (var answer in answers)
        {
            if (content.Questions.FirstOrDefault(q => q.Id == answer.QuestionId) is not { } question)
            {
                return UserError.For(InvalidAnswer, $"The attempt has no question '{answer.QuestionId}'.", "answers");
            }

            if ((answer.ChoiceIds ?? []).Any(c => question.Choices.All(choice => choice.Id != c)) || answer.ChoiceIds?.Count > 20
                || (answer.Pairs ?? []).Any(p => question.Choices.All(c => c.Id != p.ChoiceId) || question.Matches.All(m => m.Id != p.MatchId))
                || answer.Pairs?.Count > 20 || answer.Text?.Length > 2000)
            {
                return UserError.For(InvalidAnswer, $"The answer to '{answer.QuestionId}' names a choice or match the question does not have, or is too long.", "answers");
            }

            content.Answers[answer.QuestionId] = answer.ToAnswer();
        }

        return null;
    }

    /// <summary>The attempt's questions in an order of its own, choices shuffled too (true/false keeps its order).</summary>
    private static AttemptContent Draw(Attempt attempt, AssessmentVersion version)
    {
        var seed = Random.Shared.Next();
#pragma warning disable CA5394 // Shuffling questions is not security: the seed is kept so the draw can be shown again.
        var random = new Random(seed);
        var draws = version.Policy.PoolDraws.ToDictionary(d => d.Pool, d => d.Count);
        var drawn = version.Questions.GroupBy(q => q.Pool)
            .SelectMany(pool => pool.Key is { } name && draws.TryGetValue(name, out var count) ? pool.OrderBy(_ => random.Next()).Take(count) : pool);
        var questions = drawn.OrderBy(_ => random.Next()).Select(q => new AttemptQuestion(q.Id, q.Kind, q.Prompt, q.Points,
            q.Kind == QuestionKind.TrueFalse ? q.Choices : [.. q.Choices.OrderBy(_ => random.Next())])
        {
            Matches = [.. q.Matches.OrderBy(_ => random.Next())],
        }).ToList();
#pragma warning restore CA5394
        return new AttemptContent { AttemptId = attempt.Id, LearnerId = attempt.LearnerId, Seed = seed, Questions = questions };
    }
}

/// <summary>Grading one overdue attempt failed: the sweep sets it aside and goes on with the others.</summary>
public sealed class OverdueAttemptFailedException(Guid attemptId, Exception inner) : Exception($"Grading overdue attempt {attemptId} failed.", inner)
{
    public Guid AttemptId => attemptId;
}
