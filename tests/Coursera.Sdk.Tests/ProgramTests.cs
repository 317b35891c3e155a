namespace Coursera.Sdk.Tests;

/// <summary>
/// An LMS provisioning a program and following what its members learn: the members' list page after page, and the
/// learning-records feed from a stored cursor.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class ProgramTests(SdkPlatformApp platform)
{
    private static readonly TimeSpan FeedWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_pager_reads_every_member_of_a_program_page_after_page()
    {
        using var client = new CourseraClient(platform.Options());
        var program = await NewProgramAsync(client);
        var emails = Enumerable.Range(1, 3).Select(i => $"invitee-{i}-{Guid.NewGuid():N}@example.org").ToList();
        await client.Programs.AddProgramMembersAsync(program.Id,
            new ProgramMembersRequest { Members = [.. emails.Select(e => new MemberReference { Email = e })] });

        var members = new List<ProgramMember>();
        await foreach (var member in client.Programs.ListAllProgramMembersAsync(program.Id, limit: 1))
        {
            members.Add(member);
        }

        Assert.Equal(emails.Order(), members.Select(m => m.Email!).Order());
        Assert.All(members, m => Assert.False(m.Joined));
    }

    [Fact]
    public async Task The_learning_records_feed_is_followed_from_the_cursor_stored_last_time()
    {
        using var client = new CourseraClient(platform.Options());
        var program = await client.Programs.CreateProgramAsync(platform.OrganizationId, new CreateProgramRequest
        {
            Name = $"Program {Guid.NewGuid():N}",
            CourseIds = await platform.CoursesWithoutPrerequisitesAsync(3),
        });
        var (first, course) = await EnrollNewLearnerAsync(client, program, program.CourseIds);

        // The first sync reads the feed to its end and stores where it stopped.
        var sync = client.LearningRecords.Feed(platform.OrganizationId, limit: 2);
        var seen = new List<LearningRecord>();
        using (var timeout = new CancellationTokenSource(FeedWait))
        {
            await foreach (var record in sync.FollowAsync(TimeSpan.FromMilliseconds(200), timeout.Token))
            {
                seen.Add(record);
                if (record.LearnerId == first && record.Kind == "ENROLLMENT")
                {
                    break;
                }
            }
        }

        var stored = sync.Cursor;
        Assert.NotNull(stored);
        Assert.Equal(seen[^1].Cursor, stored);

        // The next sync, another process say, resumes there: the new enrollment comes, nothing seen before comes again.
        var (second, _) = await EnrollNewLearnerAsync(client, program, [course]);
        var resumed = new List<LearningRecord>();
        using (var timeout = new CancellationTokenSource(FeedWait))
        {
            await foreach (var record in client.LearningRecords.FollowAsync(platform.OrganizationId, stored, TimeSpan.FromMilliseconds(200), timeout.Token))
            {
                resumed.Add(record);
                if (record.LearnerId == second)
                {
                    break;
                }
            }
        }

        Assert.Contains(resumed, r => r.LearnerId == second && r.CourseId == course);
        Assert.DoesNotContain(resumed, r => seen.Any(s => s.Cursor == r.Cursor));
    }

    private async Task<EnterpriseProgram> NewProgramAsync(CourseraClient client) =>
        await client.Programs.CreateProgramAsync(platform.OrganizationId, new CreateProgramRequest
        {
            Name = $"Program {Guid.NewGuid():N}",
            CourseIds = await SdkPlatformApp.CourseIdsAsync(client, 1),
        });

    /// <summary>
    /// A new account added to the program and enrolled, on the organization's licence, in the first of
    /// <paramref name="courses"/> whose session is open.
    /// </summary>
    private async Task<(Guid Learner, Guid Course)> EnrollNewLearnerAsync(CourseraClient client, EnterpriseProgram program, IEnumerable<Guid> courses)
    {
        // Added by id, the learner is only invited: they accept while signed in before the organization can enroll them.
        var (learnerApp, learnerId) = await platform.NewLearnerAsync();
        await client.Programs.AddProgramMembersAsync(program.Id, new ProgramMembersRequest { Members = [new MemberReference { UserId = learnerId }] });
        var accepted = await learnerApp.PostAsync("mutation { acceptProgramInvitations { id } }");
        Assert.Contains(accepted.Ok()["acceptProgramInvitations"]!.AsArray(), p => (string?)p!["id"] == program.Id.ToString());
        var outcomes = new List<string>();
        foreach (var course in courses)
        {
            var row = (await client.Enrollments.EnrollMemberAsync(program.Id,
                new EnrollmentRequest { LearnerId = learnerId.ToString(), CourseId = course.ToString() })).Row
                ?? throw new InvalidOperationException("A one-row enrollment job was still queued after its wait.");
            if (row.Status == "ENROLLED")
            {
                return (learnerId, course);
            }

            outcomes.Add($"{row.Status} {row.ErrorCode} {row.Message}");
        }

        throw new InvalidOperationException($"The learner could take none of the program's courses: {string.Join("; ", outcomes)}");
    }
}
