using Coursera.Catalog.Courses;
using Coursera.Catalog.Model;
using Coursera.Catalog.Specializations;
using Coursera.Events.Outbox;
using Coursera.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Coursera.Catalog.Data;

/// <summary>
/// The sample catalog of the all-in-one host: 4 partners, 16 instructors, 40 courses (34 published, 4 drafts,
/// 2 archived) with modules, items and sessions, and 4 specializations. Deterministic, so examples in the README hold.
/// Seeds only an empty catalog (<c>Catalog:Seed</c>).
/// </summary>
public sealed partial class CatalogSeed(ILogger<CatalogSeed> logger) : IStoreStep<CatalogDbContext>
{
    public async Task RunAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Partners.AnyAsync(cancellationToken))
        {
            var courses = await SeedAsync(db, cancellationToken);
            LogSeeded(logger, courses);
        }
    }

    /// <summary>
    /// The course of the sample learner's journey: besides its graded quizzes it ends with a programming assignment
    /// and a peer-graded assignment.
    /// </summary>
    public const string SampleCourseSlug = "machine-learning-foundations-northfield";

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the sample catalog with {Courses} courses")]
    private static partial void LogSeeded(ILogger logger, int courses);

    /// <summary>Fixed ids: the identity service's sample tenants (<c>SampleTenants</c>) are these partners, by id.</summary>
    public static IReadOnlyList<(Guid Id, string Slug, string Name, string Country, string Website)> Partners { get; } =
    [
        (new Guid("01940000-0000-7000-8000-000000000001"), "northfield", "Northfield University", "US", "https://www.northfield.example"),
        (new Guid("01940000-0000-7000-8000-000000000002"), "lakeside-tech", "Lakeside Institute of Technology", "CA", "https://lakeside.example"),
        (new Guid("01940000-0000-7000-8000-000000000003"), "universidad-del-sol", "Universidad del Sol", "MX", "https://udelsol.example"),
        (new Guid("01940000-0000-7000-8000-000000000004"), "kings-bridge", "King's Bridge College London", "GB", "https://kingsbridge.example"),
    ];

    private static readonly string[] InstructorNames =
    [
        "Ada Okafor", "Bruno Lindqvist", "Chen Wei", "Dalia Haddad", "Elena Petrova", "Farid Rahimi", "Grace Mensah",
        "Hiro Tanaka", "Isabel Moreno", "Jonas Becker", "Kavya Iyer", "Liam O'Connor", "Maya Cohen", "Nikolai Volkov",
        "Olga Santos", "Pedro Alves",
    ];

    /// <summary>(title, subtitle, skills, level) per subject; the bench generator builds its large catalogs on them too.</summary>
    public static readonly (string Title, string Subtitle, string[] Skills, CourseLevel Level)[] Subjects =
    [
        ("Machine Learning Foundations", "Supervised learning, from linear models to gradient boosting", ["machine learning", "python", "statistics"], CourseLevel.Beginner),
        ("Deep Learning with Neural Networks", "Convolutional and recurrent networks in practice", ["deep learning", "python", "pytorch"], CourseLevel.Intermediate),
        ("Data Analysis with SQL", "Querying, joining and aggregating real datasets", ["sql", "data analysis"], CourseLevel.Beginner),
        ("Statistics for Data Science", "Probability, inference and experiment design", ["statistics", "probability"], CourseLevel.Beginner),
        ("Cloud Computing Architecture", "Designing resilient systems on public clouds", ["cloud", "architecture", "kubernetes"], CourseLevel.Intermediate),
        ("Introduction to Programming in Python", "Variables, functions, data structures and tests", ["python", "programming"], CourseLevel.Beginner),
        ("Algorithms and Data Structures", "Sorting, graphs, dynamic programming and complexity", ["algorithms", "programming"], CourseLevel.Intermediate),
        ("Financial Markets", "How stocks, bonds and derivatives are priced and traded", ["finance", "economics"], CourseLevel.Beginner),
        ("Marketing in a Digital World", "Channels, analytics and customer journeys", ["marketing", "analytics"], CourseLevel.Beginner),
        ("Project Management Essentials", "Planning, risk and agile delivery", ["project management", "agile"], CourseLevel.Beginner),
        ("Cybersecurity Fundamentals", "Threats, cryptography and secure design", ["security", "cryptography"], CourseLevel.Intermediate),
        ("Natural Language Processing", "Tokenizers, embeddings and transformers", ["nlp", "deep learning", "python"], CourseLevel.Advanced),
        ("Public Health and Epidemiology", "Measuring disease and evaluating interventions", ["public health", "statistics"], CourseLevel.Intermediate),
        ("Climate Science and Policy", "The physics of climate change and the policies that respond", ["climate", "policy"], CourseLevel.Beginner),
        ("Spanish for Beginners", "Everyday conversation and grammar", ["spanish", "languages"], CourseLevel.Beginner),
        ("Writing in the Sciences", "Clear, concise scientific writing", ["writing", "communication"], CourseLevel.Mixed),
        ("Quantum Computing for Everyone", "Qubits, gates and the algorithms that use them", ["quantum computing", "physics"], CourseLevel.Advanced),
        ("User Experience Design", "Research, prototyping and usability testing", ["ux", "design"], CourseLevel.Beginner),
        ("Blockchain Basics", "Distributed ledgers, consensus and smart contracts", ["blockchain", "cryptography"], CourseLevel.Intermediate),
        ("Leadership and Negotiation", "Leading teams and reaching agreements", ["leadership", "negotiation"], CourseLevel.Mixed),
    ];

    private static readonly string[] ModuleTitles = ["Getting started", "Core ideas", "Working with real data", "Putting it together"];

    public static async Task<int> SeedAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var epoch = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
        var partners = Partners.Select(p => new Partner
        {
            Id = p.Id,
            Slug = p.Slug,
            Name = p.Name,
            Country = p.Country,
            WebsiteUrl = p.Website,
            LogoUrl = $"{p.Website}/logo.png",
        }).ToList();
        db.Partners.AddRange(partners);

        var instructors = InstructorNames.Select((name, i) => new Instructor
        {
            PartnerId = partners[i % partners.Count].Id,
            Name = name,
            Title = i % 3 == 0 ? "Professor" : i % 3 == 1 ? "Associate Professor" : "Lecturer",
            Bio = $"{name} teaches and researches at {partners[i % partners.Count].Name}.",
            PhotoUrl = $"https://cdn.example/instructors/{i + 1}.jpg",
        }).ToList();
        db.Instructors.AddRange(instructors);

        var courses = new List<Course>();
        for (var i = 0; i < 40; i++)
        {
            var partner = partners[i % partners.Count];
            var subject = Subjects[i % Subjects.Length];
            var edition = i < Subjects.Length ? string.Empty : " II";
            var staff = instructors.Where(x => x.PartnerId == partner.Id).ToList();
            var course = new Course
            {
                PartnerId = partner.Id,
                Slug = Slugify(subject.Title + edition + " " + partner.Slug),
                Title = subject.Title + edition,
                Subtitle = subject.Subtitle,
                Description = $"{subject.Subtitle}. Taught by {partner.Name}, this course combines short lectures, " +
                    $"readings and graded practice in {string.Join(", ", subject.Skills)}.",
                Language = i % 10 == 9 ? "es" : "en",
                Level = subject.Level,
                Skills = [.. subject.Skills],
                WorkloadHours = 8 + (i * 7 % 30),
                CreatedAt = epoch.AddDays(i),

                // A second edition builds on the first.
                PrerequisiteIds = i < Subjects.Length ? [] : [courses[i - Subjects.Length].Id],
            };
            course.Instructors.AddRange(staff.Take(1 + i % 3).Select((x, p) => new CourseInstructor { InstructorId = x.Id, Position = p }));
            AddContent(course, i);
            course.Sessions.AddRange(Enumerable.Range(0, 2).Select(s => Session(course.Id, epoch.AddDays(30 * s + i))));
            course.Sessions.Add(OnDemand(course.Id, epoch));

            // Courses 34..37 stay drafts; 38 and 39 are archived after publishing.
            if (i < 34 || i >= 38)
            {
                course.Publish(epoch.AddDays(i).AddHours(i));
            }

            if (i >= 38)
            {
                course.Archive(epoch.AddDays(60 + i));
            }

            courses.Add(course);
        }

        db.Courses.AddRange(courses);

        // Other services learn of the seeded courses as they would of a partner's: through the outbox.
        foreach (var course in courses.Where(c => c.Status != CourseStatus.Draft))
        {
            db.Publish(course.Status == CourseStatus.Archived
                ? CourseEvents.For(CourseEvents.Archived, course, epoch.AddDays(60 + courses.IndexOf(course)))
                : CourseEvents.For(CourseEvents.Published, course, course.PublishedAt!.Value));
        }

        for (var s = 0; s < partners.Count; s++)
        {
            var owned = courses.Where(c => c.PartnerId == partners[s].Id && c.IsPublic).Take(3).ToList();
            var specialization = new Specialization
            {
                PartnerId = partners[s].Id,
                Slug = Slugify($"{owned[0].Skills[0]} track {partners[s].Slug}"),
                Title = $"{char.ToUpperInvariant(owned[0].Skills[0][0])}{owned[0].Skills[0][1..]} Track",
                Description = $"Three courses from {partners[s].Name}, taken in order.",
            };
            specialization.Courses.AddRange(owned.Select((c, p) => new SpecializationCourse { CourseId = c.Id, Position = p }));
            db.Specializations.Add(specialization);
            db.Publish(SpecializationEvents.For(specialization, epoch));
        }

        await db.SaveChangesAsync(cancellationToken);
        return courses.Count;
    }

    private static void AddContent(Course course, int seed)
    {
        var moduleCount = 2 + seed % 3;
        for (var m = 0; m < moduleCount; m++)
        {
            var module = new Module
            {
                CourseId = course.Id,
                Position = m,
                Title = ModuleTitles[m % ModuleTitles.Length],
                Description = $"Week {m + 1} of {course.Title}.",
            };
            ItemKind[] kinds = [ItemKind.Lecture, ItemKind.Reading, ItemKind.Lecture, ItemKind.Quiz];
            for (var i = 0; i < kinds.Length; i++)
            {
                module.Items.Add(new Item
                {
                    ModuleId = module.Id,
                    Position = i,
                    Kind = kinds[i],
                    Title = kinds[i] switch
                    {
                        ItemKind.Lecture => $"Lecture {m + 1}.{i + 1}",
                        ItemKind.Reading => $"Reading {m + 1}.{i + 1}",
                        _ => $"Week {m + 1} quiz",
                    },
                    DurationMinutes = kinds[i] == ItemKind.Quiz ? 30 : 10 + i * 2,
                    VideoAssetId = kinds[i] == ItemKind.Lecture ? $"asset-{course.Slug}-{m + 1}-{i + 1}" : null,
                    Required = true,
                    Graded = kinds[i] == ItemKind.Quiz, // the all-in-one host seeds their questions (the host's SampleAssessments)
                });
            }

            if (course.Slug == SampleCourseSlug && m == moduleCount - 1)
            {
                module.Items.Add(Graded(module, ItemKind.Assignment, "Programming assignment: measuring accuracy", 60));
                module.Items.Add(Graded(module, ItemKind.PeerReview, "Peer-graded assignment: a model card", 90));
            }

            course.Modules.Add(module);
        }
    }

    private static Item Graded(Module module, ItemKind kind, string title, int minutes) => new()
    {
        ModuleId = module.Id,
        Position = module.Items.Count,
        Kind = kind,
        Title = title,
        DurationMinutes = minutes,
        Required = true,
        Graded = true,
    };

    private static CourseSession Session(Guid courseId, DateTime start) => new()
    {
        CourseId = courseId,
        StartsAt = start,
        EndsAt = start.AddDays(42),
        EnrollmentOpensAt = start.AddDays(-30),
        EnrollmentClosesAt = start.AddDays(14),
    };

    /// <summary>A self-paced session, open for enrollment until 2030, so a fresh install always has one to join.</summary>
    private static CourseSession OnDemand(Guid courseId, DateTime epoch) => new()
    {
        CourseId = courseId,
        StartsAt = epoch,
        EndsAt = new DateTime(2030, 12, 31, 0, 0, 0, DateTimeKind.Utc),
        EnrollmentOpensAt = epoch,
        EnrollmentClosesAt = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>Lowercase letters and digits separated by single hyphens: the slug rule of <see cref="CatalogRules"/>.</summary>
    public static string Slugify(string text) =>
        string.Join('-', new string([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
