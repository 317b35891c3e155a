using System.Diagnostics;
using System.Text.RegularExpressions;
using Coursera.Identity.Data;
using LmsSync;

namespace Coursera.Samples.Tests;

/// <summary>
/// The LMS sample's journey: provisioning before and after a member joins, then syncing the enrollment and a completion
/// from the learning-records feed, resuming from the stored cursor each time.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class LmsSyncJourneyTests(SamplesPlatformApp platform) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coursera-lms-sync").FullName;

    [Fact]
    public async Task Provisioning_enrolls_members_once_they_join_and_sync_appends_their_completions()
    {
        var program = $"Onboarding {Guid.NewGuid():N}";
        var members = Path.Combine(_folder, "members.csv");
        await File.WriteAllLinesAsync(members, ["email,externalId", $"{LearningPath.LearnerEmail},ACME-0001", $"new-hire-{Guid.NewGuid():N}@acme.example,ACME-NEW"]);
        string[] provision = ["provision", "--members", members, "--program", program];

        // Nobody has joined yet: every row waits for its member to accept the invitation.
        var invited = await LmsSyncAsync(provision);
        Assert.Contains($"Program: {program}", invited);
        Assert.Matches(@"NOT_JOINED\s+ACME-0001 <learner@acme.example>", invited);
        Assert.DoesNotMatch(@"\bENROLLED\b", invited);

        // The learner signs in (the email scope proves the address) and accepts.
        var learner = platform.Gateway((await platform.SignInAsync(LearningPath.LearnerEmail, LearningPath.LearnerScopes + " email",
            SampleTenants.LearnerAppClientId)).Access());
        var joined = (await learner.PostAsync("mutation { acceptProgramInvitations { name } }")).Ok()["acceptProgramInvitations"]!.AsArray();
        Assert.Contains(joined, p => p!["name"]!.GetValue<string>() == program);

        // Running provision again enrolls the member who joined; the other still waits.
        var enrolled = await LmsSyncAsync(provision);
        Assert.Matches(@"(?m)^\s+ENROLLED\s+ACME-0001 <learner@acme.example>  Machine Learning Foundations$", enrolled);
        Assert.Matches(@"NOT_JOINED\s+ACME-NEW", enrolled);

        // The first sync reads the feed from its beginning, the new enrollment included, and stores where it stopped.
        var completions = Path.Combine(_folder, "completions.csv");
        string[] sync = ["sync", "--state", Path.Combine(_folder, "lms-state.json"), "--out", completions, "--once"];
        var first = await LmsSyncAsync(sync);
        Assert.Matches(@"ENROLLMENT\s+ACME-0001 <learner@acme.example>  Machine Learning Foundations  ACTIVE", first);
        Assert.Contains("Cursor saved", first);

        // The learner completes a lecture; a later sync picks up that completion alone.
        using var sdk = platform.OrganizationSdk();
        var course = await sdk.Courses.GetCourseAsync(Provisioning.DefaultCourses[0]);
        var lecture = (await sdk.Courses.GetCourseOutlineAsync(course.Id)).Modules.SelectMany(m => m.Items).First(i => i.Kind == "LECTURE" && !i.Graded);
        LearningPath.Accepted(await learner.PostAsync("mutation($i: ID!) { recordProgress(input: {itemId: $i, event: COMPLETED}) { errors { code message } } }",
            new { i = lecture.Id.ToString() }));

        var completed = await SyncUntilAsync(sync, "completion added", TimeSpan.FromSeconds(15));
        Assert.Matches($@"PROGRESS\s+ACME-0001 <learner@acme.example>  Machine Learning Foundations / LECTURE {Regex.Escape(lecture.Title)}  COMPLETED", completed);
        Assert.DoesNotContain("ENROLLMENT", completed);
        var rows = await File.ReadAllLinesAsync(completions);
        Assert.Single(rows, r => r.Contains(lecture.Id.ToString(), StringComparison.Ordinal) && r.Contains("ACME-0001", StringComparison.Ordinal));

        // Nothing already handled comes again: the run resumes from the stored cursor.
        var again = await LmsSyncAsync(sync);
        Assert.DoesNotContain("ENROLLMENT", again);
        Assert.DoesNotContain("completion added", again);
        Assert.Contains("Resuming the learning records after", again);
        Assert.Equal(rows, await File.ReadAllLinesAsync(completions));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Runs <c>sync --once</c> until its output says <paramref name="expected"/>: the feed has the record once the event got through.</summary>
    private async Task<string> SyncUntilAsync(string[] sync, string expected, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        var seen = new List<string>();
        while (true)
        {
            var output = await LmsSyncAsync(sync);
            seen.Add(output);
            if (output.Contains(expected, StringComparison.Ordinal))
            {
                return string.Join(Environment.NewLine, seen);
            }

            Assert.True(clock.Elapsed < patience, $"No \"{expected}\" within {patience.TotalSeconds} s:{Environment.NewLine}{string.Join(Environment.NewLine, seen)}");
            await Task.Delay(500);
        }
    }

    /// <summary>The sample as a developer runs it after ./run.sh: the seeded client's secret read from the credentials file.</summary>
    private async Task<string> LmsSyncAsync(string[] args)
    {
        using var output = new StringWriter();
        var code = await LmsSyncApp.RunAsync([.. args, "--url", platform.Address, "--credentials", platform.DevCredentialsPath], output);
        Assert.True(code == 0, $"LmsSync {string.Join(' ', args)} exited {code}:{Environment.NewLine}{output}");
        return output.ToString();
    }
}
