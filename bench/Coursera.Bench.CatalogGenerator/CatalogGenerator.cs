using System.Diagnostics;
using Coursera.Catalog.Model;
using Npgsql;
using NpgsqlTypes;

namespace Coursera.Bench.CatalogGenerator;

/// <summary>What one table received and how long its COPY took.</summary>
internal sealed record TableLoad(string Table, ulong Rows, TimeSpan Elapsed);

/// <summary>
/// Writes a generated catalog with binary COPY, table by table in foreign-key order, on one connection inside the
/// caller's transaction. Content is deterministic for a seed; ids are fresh UUIDv7s.
/// </summary>
internal sealed class CatalogGenerator(NpgsqlConnection connection, GeneratorOptions options)
{
    private const int InstructorsPerPartner = 8;
    private const int CoursesPerPartner = 250;
    private const int CoursesPerSpecialization = 4;
    private static readonly DateTime Epoch = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ItemKind[] BodyKinds =
        [ItemKind.Lecture, ItemKind.Lecture, ItemKind.Lecture, ItemKind.Lecture, ItemKind.Lecture,
         ItemKind.Reading, ItemKind.Reading, ItemKind.Reading, ItemKind.Assignment, ItemKind.PeerReview];

    private readonly Random _rng = new(options.Seed);
    private readonly List<TableLoad> _loads = [];
    private PartnerPlan[] _partners = [];
    private Guid[] _instructors = [];
    private CoursePlan[] _courses = [];

    public IReadOnlyList<TableLoad> Loads => _loads;

    public int PublishedCourses { get; private set; }

    public void Generate()
    {
        WritePartners();
        WriteInstructors();
        WriteCourses();
        WriteCourseInstructors();
        WriteSessions();
        WriteModules();
        WriteItems();
        WriteSpecializations();
    }

    private void WritePartners()
    {
        var count = Math.Max(4, options.Courses / CoursesPerPartner);
        var combinations = Vocabulary.Places.Length * Vocabulary.PartnerKinds.Length;
        _partners = new PartnerPlan[count];
        Copy("partners", "id, slug, name, country, logo_url, website_url", copy =>
        {
            for (var i = 0; i < count; i++)
            {
                var name = $"{Vocabulary.Places[i % Vocabulary.Places.Length]} {Vocabulary.PartnerKinds[i / Vocabulary.Places.Length % Vocabulary.PartnerKinds.Length]}";
                if (i >= combinations)
                {
                    name += $" {(i / combinations) + 1}";
                }

                var partner = new PartnerPlan(Guid.CreateVersion7(), Vocabulary.Slugify(name), name);
                _partners[i] = partner;
                var website = $"https://{partner.Slug}.example";
                copy.StartRow();
                copy.Write(partner.Id, NpgsqlDbType.Uuid);
                copy.Write(partner.Slug, NpgsqlDbType.Varchar);
                copy.Write(partner.Name, NpgsqlDbType.Varchar);
                copy.Write(Pick(Vocabulary.Countries), NpgsqlDbType.Varchar);
                copy.Write($"{website}/logo.png", NpgsqlDbType.Text);
                copy.Write(website, NpgsqlDbType.Text);
            }
        });
    }

    private void WriteInstructors()
    {
        _instructors = new Guid[_partners.Length * InstructorsPerPartner];
        Copy("instructors", "id, partner_id, name, title, bio, photo_url", copy =>
        {
            for (var i = 0; i < _instructors.Length; i++)
            {
                var partner = _partners[i / InstructorsPerPartner];
                var name = $"{Pick(Vocabulary.FirstNames)} {Pick(Vocabulary.LastNames)}";
                _instructors[i] = Guid.CreateVersion7();
                copy.StartRow();
                copy.Write(_instructors[i], NpgsqlDbType.Uuid);
                copy.Write(partner.Id, NpgsqlDbType.Uuid);
                copy.Write(name, NpgsqlDbType.Varchar);
                copy.Write(Pick(Vocabulary.InstructorTitles), NpgsqlDbType.Text);
                copy.Write($"{name} teaches and researches at {partner.Name}.", NpgsqlDbType.Text);
                copy.Write($"https://cdn.example/instructors/{i + 1}.jpg", NpgsqlDbType.Text);
            }
        });
    }

    private void WriteCourses()
    {
        _courses = new CoursePlan[options.Courses];
        var threeYears = (long)TimeSpan.FromDays(3 * 365).TotalSeconds;
        Copy("courses",
            "id, partner_id, slug, title, subtitle, description, language, level, skills, workload_hours, status, published_at, created_at, updated_at",
            copy =>
            {
                for (var i = 0; i < _courses.Length; i++)
                {
                    var partner = _rng.Next(_partners.Length);
                    var subjectIndex = _rng.Next(Vocabulary.Subjects.Length);
                    var subject = Vocabulary.Subjects[subjectIndex];
                    var title = subject.Title + Pick(Vocabulary.TitleVariants);
                    var published = _rng.NextDouble() * 100 >= options.DraftPercent;
                    var modules = new Guid[2 + _rng.Next(3)];
                    for (var m = 0; m < modules.Length; m++)
                    {
                        modules[m] = Guid.CreateVersion7();
                    }

                    var course = new CoursePlan(Guid.CreateVersion7(), partner, subjectIndex, published, modules);
                    _courses[i] = course;
                    PublishedCourses += published ? 1 : 0;

                    var skills = _rng.Next(10) < 3
                        ? [.. subject.Skills, Pick(Pick(Vocabulary.Subjects).Skills)]
                        : subject.Skills;
                    skills = [.. skills.Distinct()];
                    var level = _rng.Next(5) == 0 ? (CourseLevel)_rng.Next(4) : subject.Level;
                    DateTime? publishedAt = published ? Epoch.AddSeconds(-_rng.NextInt64(threeYears)) : null;
                    var createdAt = (publishedAt ?? Epoch).AddDays(-_rng.Next(1, 90)).AddSeconds(_rng.Next(86_400));
                    var updatedAt = (publishedAt ?? createdAt).AddDays(_rng.Next(0, 30));
                    var description =
                        $"{subject.Subtitle}. In this course from {_partners[partner].Name} you will learn {string.Join(", ", skills)} " +
                        $"through {3 + _rng.Next(8)} hands-on exercises. {Pick(Vocabulary.ExtraSentences)} {Pick(Vocabulary.ExtraSentences)}";

                    copy.StartRow();
                    copy.Write(course.Id, NpgsqlDbType.Uuid);
                    copy.Write(_partners[partner].Id, NpgsqlDbType.Uuid);
                    copy.Write($"{Vocabulary.Slugify(title)}-{i + 1}", NpgsqlDbType.Varchar);
                    copy.Write(title, NpgsqlDbType.Varchar);
                    WriteNullable(copy, _rng.Next(10) == 0 ? null : subject.Subtitle, NpgsqlDbType.Varchar);
                    copy.Write(description, NpgsqlDbType.Text);
                    copy.Write(Pick(Vocabulary.Languages), NpgsqlDbType.Varchar);
                    copy.Write(level.ToString(), NpgsqlDbType.Varchar);
                    copy.Write(skills, NpgsqlDbType.Array | NpgsqlDbType.Text);
                    copy.Write(4 + _rng.Next(57), NpgsqlDbType.Integer);
                    copy.Write((published ? CourseStatus.Published : CourseStatus.Draft).ToString(), NpgsqlDbType.Varchar);
                    if (publishedAt is { } at)
                    {
                        copy.Write(at, NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        copy.WriteNull();
                    }

                    copy.Write(createdAt, NpgsqlDbType.TimestampTz);
                    copy.Write(updatedAt, NpgsqlDbType.TimestampTz);
                }
            });
    }

    /// <summary>One to three instructors of the course's partner, in order.</summary>
    private void WriteCourseInstructors() =>
        Copy("course_instructors", "course_id, instructor_id, position", copy =>
        {
            foreach (var course in _courses)
            {
                var first = _rng.Next(InstructorsPerPartner);
                var count = 1 + _rng.Next(3);
                for (var p = 0; p < count; p++)
                {
                    copy.StartRow();
                    copy.Write(course.Id, NpgsqlDbType.Uuid);
                    copy.Write(_instructors[(course.Partner * InstructorsPerPartner) + ((first + p) % InstructorsPerPartner)], NpgsqlDbType.Uuid);
                    copy.Write(p, NpgsqlDbType.Integer);
                }
            }
        });

    /// <summary>One or two upcoming sessions per published course; drafts have none.</summary>
    private void WriteSessions() =>
        Copy("course_sessions", "id, course_id, starts_at, ends_at, enrollment_opens_at, enrollment_closes_at", copy =>
        {
            foreach (var course in _courses.Where(c => c.Published))
            {
                var sessions = 1 + _rng.Next(2);
                for (var s = 0; s < sessions; s++)
                {
                    var startsAt = Epoch.AddDays((s * 56) + _rng.Next(28));
                    copy.StartRow();
                    copy.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    copy.Write(course.Id, NpgsqlDbType.Uuid);
                    copy.Write(startsAt, NpgsqlDbType.TimestampTz);
                    copy.Write(startsAt.AddDays(28 + (7 * _rng.Next(5))), NpgsqlDbType.TimestampTz);
                    copy.Write(startsAt.AddDays(-30), NpgsqlDbType.TimestampTz);
                    copy.Write(startsAt.AddDays(14), NpgsqlDbType.TimestampTz);
                }
            }
        });

    private void WriteModules() =>
        Copy("modules", "id, course_id, position, title, description", copy =>
        {
            foreach (var course in _courses)
            {
                for (var m = 0; m < course.Modules.Length; m++)
                {
                    var topic = Pick(Vocabulary.ModuleTopics);
                    copy.StartRow();
                    copy.Write(course.Modules[m], NpgsqlDbType.Uuid);
                    copy.Write(course.Id, NpgsqlDbType.Uuid);
                    copy.Write(m, NpgsqlDbType.Integer);
                    copy.Write($"Week {m + 1}: {topic}", NpgsqlDbType.Varchar);
                    WriteNullable(copy, _rng.Next(2) == 0 ? null : $"{topic} in {Vocabulary.Subjects[course.Subject].Title}.", NpgsqlDbType.Text);
                }
            }
        });

    /// <summary>Two to five items per module: a lecture first, often a quiz last.</summary>
    private void WriteItems() =>
        Copy("items", "id, module_id, position, kind, title, duration_minutes, video_asset_id, required", copy =>
        {
            foreach (var course in _courses)
            {
                var skill = Vocabulary.Subjects[course.Subject].Skills[0];
                for (var m = 0; m < course.Modules.Length; m++)
                {
                    var count = 2 + _rng.Next(4);
                    for (var k = 0; k < count; k++)
                    {
                        var id = Guid.CreateVersion7();
                        var kind = k == 0 ? ItemKind.Lecture
                            : k == count - 1 && _rng.Next(10) < 7 ? ItemKind.Quiz
                            : Pick(BodyKinds);
                        var minutes = kind switch
                        {
                            ItemKind.Lecture => 5 + _rng.Next(16),
                            ItemKind.Reading => 10 + _rng.Next(21),
                            ItemKind.Quiz => 10 + _rng.Next(11),
                            ItemKind.Assignment => 60 + _rng.Next(121),
                            _ => 30 + _rng.Next(31),
                        };
                        copy.StartRow();
                        copy.Write(id, NpgsqlDbType.Uuid);
                        copy.Write(course.Modules[m], NpgsqlDbType.Uuid);
                        copy.Write(k, NpgsqlDbType.Integer);
                        copy.Write(kind.ToString(), NpgsqlDbType.Varchar);
                        copy.Write($"{Pick(Vocabulary.ItemTopics)}: {skill} {m + 1}.{k + 1}", NpgsqlDbType.Varchar);
                        copy.Write(minutes, NpgsqlDbType.Integer);
                        WriteNullable(copy, kind == ItemKind.Lecture ? $"vid-{id:N}" : null, NpgsqlDbType.Varchar);
                        copy.Write(kind != ItemKind.Reading || _rng.Next(5) > 0, NpgsqlDbType.Boolean);
                    }
                }
            }
        });

    /// <summary>One specialization per partner holding its first few courses.</summary>
    private void WriteSpecializations()
    {
        var byPartner = _courses.GroupBy(c => c.Partner).ToDictionary(g => g.Key, g => g.Take(CoursesPerSpecialization).ToArray());
        var specializations = new List<(Guid Id, CoursePlan[] Courses)>();
        Copy("specializations", "id, partner_id, slug, title, description", copy =>
        {
            foreach (var (partner, courses) in byPartner.OrderBy(p => p.Key))
            {
                var id = Guid.CreateVersion7();
                var subject = Vocabulary.Subjects[courses[0].Subject].Title;
                specializations.Add((id, courses));
                copy.StartRow();
                copy.Write(id, NpgsqlDbType.Uuid);
                copy.Write(_partners[partner].Id, NpgsqlDbType.Uuid);
                copy.Write($"{_partners[partner].Slug}-specialization", NpgsqlDbType.Varchar);
                copy.Write($"{subject} Specialization", NpgsqlDbType.Varchar);
                copy.Write($"A series of {courses.Length} courses from {_partners[partner].Name}.", NpgsqlDbType.Text);
            }
        });
        Copy("specialization_courses", "specialization_id, course_id, position", copy =>
        {
            foreach (var (id, courses) in specializations)
            {
                for (var p = 0; p < courses.Length; p++)
                {
                    copy.StartRow();
                    copy.Write(id, NpgsqlDbType.Uuid);
                    copy.Write(courses[p].Id, NpgsqlDbType.Uuid);
                    copy.Write(p, NpgsqlDbType.Integer);
                }
            }
        });
    }

    private void Copy(string table, string columns, Action<NpgsqlBinaryImporter> write)
    {
        var watch = Stopwatch.StartNew();
        using var copy = connection.BeginBinaryImport($"COPY catalog.{table} ({columns}) FROM STDIN (FORMAT BINARY)");
        write(copy);
        var rows = copy.Complete();
        _loads.Add(new TableLoad(table, rows, watch.Elapsed));
    }

    private static void WriteNullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    private T Pick<T>(T[] values) => values[_rng.Next(values.Length)];

    private sealed record PartnerPlan(Guid Id, string Slug, string Name);

    private sealed record CoursePlan(Guid Id, int Partner, int Subject, bool Published, Guid[] Modules);
}
