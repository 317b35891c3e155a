namespace LmsSync;

/// <summary>
/// <c>provision</c>: the organization's program of the chosen courses (found by name, else created), the CSV's people as
/// its members, and each member enrolled in each course by a bulk enrollment job. Running it again changes nothing
/// for those already there, and enrolls the members who have joined since.
/// </summary>
public sealed class Provisioning(CourseraClient client, Guid organizationId, Catalog catalog, TextWriter output)
{
    /// <summary>
    /// Two first editions of the seeded catalog: a second edition ("… II") needs its first edition completed, and
    /// refuses enrollment with PREREQUISITES_NOT_MET until then.
    /// </summary>
    public static readonly string[] DefaultCourses = ["machine-learning-foundations-northfield", "data-analysis-with-sql-universidad-del-sol"];

    public const string DefaultProgramName = "Acme onboarding";

    private static readonly TimeSpan JobPoll = TimeSpan.FromMilliseconds(500);

    public async Task<int> RunAsync(string membersPath, string programName, IReadOnlyList<string> courses, CancellationToken cancellationToken)
    {
        var members = Member.Load(membersPath);
        var program = await FindOrCreateProgramAsync(programName, courses, cancellationToken);

        // Members already in the program are left as they are; new emails get an invitation to join.
        await client.Programs.AddProgramMembersAsync(program.Id, new ProgramMembersRequest
        {
            Members = [.. members.Select(m => new MemberReference { Email = m.Email, ExternalId = m.ExternalId })],
        }, cancellationToken);
        output.WriteLine($"Members: {members.Count} in the program (the new ones are invited by email)");

        // One row per member and course, by the LMS's own external id. ALREADY_ENROLLED rows count as successes, so the
        // job can be run again and again.
        var job = await client.Enrollments.CreateBulkEnrollmentAsync(program.Id, new BulkEnrollmentRequest
        {
            Rows = [.. from member in members from course in program.CourseIds select new EnrollmentRequest { ExternalId = member.ExternalId, CourseId = course.ToString() }],
        }, cancellationToken);
        while (job.State != "DONE")
        {
            await Task.Delay(JobPoll, cancellationToken);
            job = await client.Enrollments.GetBulkEnrollmentAsync(job.Id, cancellationToken);
        }

        var emails = members.ToDictionary(m => m.ExternalId, m => m.Email);
        await foreach (var row in client.Enrollments.ListAllBulkEnrollmentRowsAsync(job.Id, cancellationToken: cancellationToken))
        {
            var who = $"{row.ExternalId} <{emails.GetValueOrDefault(row.ExternalId ?? "")}>";
            var course = Guid.TryParse(row.CourseId, out var courseId) ? await catalog.CourseTitleAsync(courseId, cancellationToken) : row.CourseId;
            output.WriteLine(row.ErrorCode switch
            {
                null => $"  {row.Status,-16} {who}  {course}",
                "LEARNER_NOT_FOUND" => $"  {"NOT_JOINED",-16} {who}  {course}: they must accept the invitation by signing in; run provision again then",
                _ => $"  {row.Status,-16} {who}  {course}: {row.ErrorCode} {row.Message}",
            });
        }

        output.WriteLine($"Enrollment job {job.Id}: {job.Succeeded} of {job.Total} rows enrolled or already enrolled, {job.Failed} failed");
        return 0;
    }

    private async Task<EnterpriseProgram> FindOrCreateProgramAsync(string name, IReadOnlyList<string> courses, CancellationToken cancellationToken)
    {
        await foreach (var existing in client.Programs.ListAllProgramsAsync(organizationId, cancellationToken))
        {
            if (existing.Name == name)
            {
                output.WriteLine($"Program: {name} ({existing.Id}), {existing.CourseIds.Count} courses");
                return existing;
            }
        }

        var courseIds = new List<Guid>();
        foreach (var course in courses)
        {
            courseIds.Add(await catalog.CourseIdAsync(course, cancellationToken));
        }

        // A key of our own rather than the SDK's random one: two runs at once (a schedule overlapping a manual run) both
        // find no program, and the same key makes the platform create one and answer both with it.
        EnterpriseProgram program;
        using (IdempotencyKey.Use($"lms-sync-program-{organizationId}-{name}"))
        {
            program = await client.Programs.CreateProgramAsync(organizationId, new CreateProgramRequest { Name = name, CourseIds = courseIds }, cancellationToken);
        }

        var titles = new List<string>();
        foreach (var courseId in courseIds)
        {
            titles.Add(await catalog.CourseTitleAsync(courseId, cancellationToken));
        }

        output.WriteLine($"Program: {name} ({program.Id}) created with {string.Join(", ", titles)}");
        return program;
    }
}
