using Coursera.Assessment.Authoring;
using Coursera.Assessment.Data;
using Coursera.Assessment.Model;
using Coursera.Catalog.Data;
using Coursera.Catalog.Model;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Host;

/// <summary>
/// The all-in-one host's sample assessments: every graded item of the sample catalog gets a published assessment,
/// quizzes with their subject's questions (<see cref="SampleQuestions"/>), and the sample course's programming
/// assignment and peer-graded assignment their grader and rubric. A step of the assessment store, after the catalog's
/// (whose items it joins), only when the catalog is seeded and no assessment exists yet.
/// </summary>
/// <remarks>
/// Quizzes follow Coursera's rule of 3 attempts every 8 hours, set by <c>SampleAssessments:QuizAttemptsPerWindow</c>
/// and <c>SampleAssessments:QuizWindowHours</c> (the end-to-end tests shorten the window to seconds).
/// </remarks>
public sealed partial class SampleAssessments(
    IDbContextFactory<CatalogDbContext> catalogs,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<SampleAssessments> logger)
    : IStoreStep<AssessmentDbContext>
{
    /// <summary>The programming assignment's grader: four cases of <c>accuracy(predicted, actual)</c> in <c>solution.py</c>.</summary>
    public const string AccuracyGrader = """
        import json, sys
        sys.path.insert(0, "/submission")
        cases = [([1, 0, 1, 1], [1, 0, 0, 1], 0.75), ([2, 2], [2, 2], 1.0), (["a", "b", "c", "d"], ["b", "b", "c", "a"], 0.5), ([0], [1], 0.0)]
        try:
            from solution import accuracy
        except Exception as e:
            print(json.dumps({"fractionalScore": 0, "feedback": "solution.py defines no accuracy(predicted, actual): %s" % e}))
            sys.exit(0)
        passed = 0
        for predicted, actual, expected in cases:
            try:
                if abs(accuracy(predicted, actual) - expected) < 1e-9:
                    passed += 1
            except Exception:
                pass
        print(json.dumps({"fractionalScore": passed / len(cases), "feedback": "%d of %d cases pass" % (passed, len(cases))}))
        """;

    public static PeerReviewSetup ModelCardReview { get; } = new()
    {
        Instructions = "Write a model card for a classifier you trained: what it is for, the data it learned from, how well it does and where it fails.",
        Rubric =
        [
            new("purpose", "Intended use", [new(0, "Missing"), new(1, "Vague"), new(2, "Clear, with uses it is not for")]),
            new("data", "Training data", [new(0, "Missing"), new(1, "Named"), new(2, "Described, with its gaps")]),
            new("evaluation", "Evaluation", [new(0, "Missing"), new(1, "One number"), new(2, "Metrics per group, with their limits")]),
        ],
        ReviewsRequired = 3,
        ReviewsToGive = 4,
    };

    public async Task RunAsync(AssessmentDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!configuration.GetValue<bool>("Catalog:Seed") || await db.Assessments.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var catalog = await catalogs.CreateDbContextAsync(cancellationToken);
        var courses = await catalog.Courses.AsNoTracking().Include(c => c.Modules).ThenInclude(m => m.Items).AsSplitQuery().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var quizPolicy = new AttemptPolicy
        {
            AttemptsPerWindow = configuration.GetValue("SampleAssessments:QuizAttemptsPerWindow", 3),
            WindowHours = configuration.GetValue("SampleAssessments:QuizWindowHours", 8.0),
            ShowAnswers = AnswerDisclosure.AfterPassing,
        };
        var invalid = AssessmentRules.Policy(quizPolicy);
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException($"The sample quiz policy is invalid: {invalid[0].Message}");
        }

        foreach (var course in courses)
        {
            var subject = course.Title.EndsWith(" II", StringComparison.Ordinal) ? course.Title[..^3] : course.Title;
            foreach (var module in course.Modules.OrderBy(m => m.Position))
            {
                foreach (var item in module.Items.Where(i => i.Graded))
                {
                    var version = item.Kind switch
                    {
                        ItemKind.Quiz => new AssessmentVersion { Number = 1, CreatedAt = now, Questions = [.. SampleQuestions.Quiz(subject, module.Position)], Policy = quizPolicy },
                        ItemKind.Assignment => new AssessmentVersion
                        {
                            Number = 1,
                            CreatedAt = now,
                            Grader = new ProgrammingGrader { Script = AccuracyGrader, TimeLimitSeconds = 20, MaxFiles = 3, MaxFileKilobytes = 64 },
                        },
                        _ => new AssessmentVersion { Number = 1, CreatedAt = now, PeerReview = ModelCardReview, Policy = new AttemptPolicy { PassingScore = 0.6 } },
                    };
                    if (item.Kind == ItemKind.Quiz && version.Questions.Count == 0)
                    {
                        continue;
                    }

                    version.PublishedAt = now;
                    db.Assessments.Add(new ItemAssessment
                    {
                        ItemId = item.Id,
                        CourseId = course.Id,
                        PartnerId = course.PartnerId,
                        Title = item.Title,
                        Kind = item.Kind switch
                        {
                            ItemKind.Quiz => AssessmentKind.Quiz,
                            ItemKind.Assignment => AssessmentKind.Assignment,
                            _ => AssessmentKind.PeerReview,
                        },
                        CreatedAt = now,
                        Versions = [version],
                    });
                }
            }
        }

        var seeded = await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, seeded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample data: {Rows} rows of published assessments for the sample catalog's graded items")]
    private static partial void LogSeeded(ILogger logger, int rows);
}
